import { z } from "zod";

/**
 * Server-side runtime configuration, validated once. Nothing here is baked in at build time:
 * a self-hoster changes PUBLIC_URL or SIGNALING_PUBLIC_URL and restarts, no rebuild.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url(),
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
  SIGNALING_PUBLIC_URL: z.string().url().default("http://localhost:4000"),
  BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters"),
  JOIN_TOKEN_SECRET: z.string().min(32, "JOIN_TOKEN_SECRET must be at least 32 characters"),
  JOIN_TOKEN_TTL_SECONDS: z.coerce.number().int().min(10).max(300).default(120),
  SIGN_IN_RATE_LIMIT_MAX: z.coerce.number().int().min(1).max(1000).default(5),
  SIGN_IN_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Outgoing mail server, e.g. smtps://user:pass@mail.example.com:465. Unset: mail goes to the log and the local outbox page. */
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:\/\//.test(url), "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  /** Sender of every mail, e.g. `Parley <meet@example.com>`. */
  MAIL_FROM: z
    .string()
    .max(300)
    .refine((from) => /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(from), "MAIL_FROM must be an address, e.g. Parley <meet@example.com>")
    .default("Parley <parley@localhost>"),
  /** Operator's choice: sign-in needs a verified email address (the verification mail must then reach people). */
  REQUIRE_EMAIL_VERIFICATION: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type WebEnv = z.infer<typeof envSchema>;

/** `FOO=` in an .env file means "not set" (use the default), not "set to the empty string". */
function withoutEmptyValues(source: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""));
}

/** Validates an environment; throws one error that lists every problem (never the values: some are secrets). */
export function parseWebEnv(source: Record<string, string | undefined>): WebEnv {
  const parsed = envSchema.safeParse(withoutEmptyValues(source));
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid web configuration:\n${details}`);
  }
  return parsed.data;
}

let cached: WebEnv | undefined;

/** Parses process.env on first use (not at import, so `next build` needs no secrets). */
export function env(): WebEnv {
  cached ??= parseWebEnv(process.env);
  return cached;
}
