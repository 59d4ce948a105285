import "server-only";
import pino from "pino";

/** Structured JSON logs. Secrets, tokens and passwords are never passed to it; `redact` is the safety net. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "web" },
  redact: ["password", "*.password", "token", "*.token", "passcode", "*.passcode", "headers.cookie"],
});
