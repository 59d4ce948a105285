import { z } from "zod";
import { parseTrustedProxies } from "./server/client-address.mjs";

/** A DNS name as people type it after the @ (lower-cased): example.com, mail.example.co.uk. */
const domainName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "each entry must be a domain name like example.com");
const domainList = z
  .string()
  .optional()
  .transform((value) => (value ?? "").split(",").map((item) => item.trim().toLowerCase()).filter((item) => item.length > 0))
  .pipe(z.array(domainName).max(100));
/** Text shown to people: one line, bounded, no control characters. */
const label = z.string().trim().min(1).max(60).regex(/^[^\p{Cc}\p{Cf}]+$/u, "no control or formatting characters");

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
  /**
   * Reverse proxies whose X-Forwarded-For is believed (IPs or CIDR ranges, comma-separated). Empty: none, the
   * socket address is the client (read by server.mjs, validated here so a typo is named with the others).
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : "invalid" });
      }
    }),
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
  /** Bearer token for GET /api/metrics (Prometheus), at least 16 characters. Unset: /api/metrics answers 404. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").max(500).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Who may create an account: anyone, invited addresses only, or nobody by themselves (admin invitations, SSO). */
  SIGNUP_MODE: z.enum(["open", "invite", "closed"]).default("open"),
  /** Comma-separated; when set, new accounts (email or SSO) need an address in one of these domains. */
  SIGNUP_ALLOWED_DOMAINS: domainList,
  /** Where the web app reaches signaling's internal HTTP endpoints (admin "end meeting"); defaults to SIGNALING_PUBLIC_URL. */
  SIGNALING_INTERNAL_URL: z.string().url().optional(),
  /** OpenID Connect single sign-on: the issuer URL (its /.well-known/openid-configuration is read at start). */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** Members of this group (in the ID token's group claim) become administrators when they sign in with SSO. */
  OIDC_ADMIN_GROUP: z.string().min(1).max(500).optional(),
  OIDC_GROUPS_CLAIM: z.string().regex(/^[\w:./-]{1,100}$/, "a claim name such as groups").default("groups"),
  OIDC_BUTTON_LABEL: label.default("Sign in with single sign-on"),
  /** Where composed recordings are kept (absolute path; in compose the volume shared with Janus). Unset: no recordings are served. */
  RECORDINGS_DIR: z.string().max(1000).refine((dir) => dir.startsWith("/") && !dir.includes("\0"), "RECORDINGS_DIR must be an absolute path").optional(),
})
  .refine((env) => env.OIDC_ISSUER === undefined || (env.OIDC_CLIENT_ID !== undefined && env.OIDC_CLIENT_SECRET !== undefined), {
    message: "OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
    path: ["OIDC_CLIENT_ID"],
  })
  .refine((env) => env.OIDC_ISSUER !== undefined || (env.OIDC_CLIENT_ID === undefined && env.OIDC_ADMIN_GROUP === undefined), {
    message: "OIDC_CLIENT_ID and OIDC_ADMIN_GROUP need OIDC_ISSUER",
    path: ["OIDC_ISSUER"],
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
