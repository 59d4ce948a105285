import { pino, type Logger } from "pino";

/** Structured JSON logs. Secrets never belong in a log line; redaction is the safety net, not the plan. */
export function createLogger(level: string): Logger {
  return pino({
    name: "signaling",
    level,
    redact: {
      paths: ["token", "*.token", "passcode", "*.passcode", "resumeToken", "*.resumeToken", "*.*.resumeToken"],
      censor: "[redacted]",
    },
  });
}
