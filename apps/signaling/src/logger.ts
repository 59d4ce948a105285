import { pino, type DestinationStream, type Logger } from "pino";

/** Structured JSON logs. Secrets never belong in a log line; redaction is the safety net, not the plan. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: "signaling",
    level,
    redact: {
      paths: [
        "token",
        "*.token",
        "*.*.token",
        "passcode",
        "*.passcode",
        "resumeToken",
        "*.resumeToken",
        "*.*.resumeToken",
        "secret",
        "*.secret",
        "credential",
        "*.credential",
        "*.*.credential",
        "headers.authorization",
        "headers.cookie",
        "*.headers.authorization",
        "*.headers.cookie",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
