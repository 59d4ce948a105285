import "server-only";
import pino from "pino";
import { envSchema } from "@/env";

/** Structured JSON logs. Secrets, tokens and passwords are never passed to it; `redact` is the safety net. */
export const logger = pino({
  // NOTE: only LOG_LEVEL is read here (validated, bad values fall back to info), so logging works before the rest of env() is valid.
  level: envSchema.shape.LOG_LEVEL.catch("info").parse(process.env.LOG_LEVEL || undefined),
  base: { service: "web" },
  redact: ["password", "*.password", "token", "*.token", "passcode", "*.passcode", "headers.cookie"],
});
