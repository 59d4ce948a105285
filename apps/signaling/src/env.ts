import { z } from "zod";
import { defaultSignalingConfig, type SfuConfig, type SignalingConfig } from "./config";
import { isProxyEntry } from "./http/client-address";

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );
/** `id=ws://api|ws://admin` entries, comma-separated (Janus API and Admin API WebSocket URLs of each node). */
const sfuNodeEntry = /^([\w.-]{1,64})=(wss?:\/\/[^|\s]+|ws\+unix:\/\/[^|\s]+)\|(wss?:\/\/[^|\s]+|ws\+unix:\/\/[^|\s]+)$/;
const sfuNodes = csv.superRefine((entries, issue) => {
  for (const entry of entries) {
    if (!sfuNodeEntry.test(entry)) issue.addIssue({ code: "custom", message: "each entry must look like id=ws://janus:8188|ws://janus:7188" });
  }
  if (new Set(entries.map((e) => e.split("=")[0])).size !== entries.length) issue.addIssue({ code: "custom", message: "node ids must be unique" });
});
const proxies = csv.refine((entries) => entries.every(isProxyEntry), "each entry must be an IP address or a CIDR range (10.0.0.0/8)");
const secret = (name: string) => z.string().min(16, `${name} must be at least 16 characters`).optional();
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const d = defaultSignalingConfig;
/** An absolute directory without `..` ("" counts as unset); a trailing slash is dropped. */
const recordingsDir = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z
    .string()
    .max(400, "RECORDINGS_DIR must be at most 400 characters")
    .regex(/^\/[A-Za-z0-9._/-]*$/, "RECORDINGS_DIR must be an absolute path of letters, digits, '.', '_', '-' and '/' (e.g. /var/lib/parley/recordings)")
    .refine((dir) => !dir.split("/").includes(".."), "RECORDINGS_DIR must not contain '..'")
    .transform((dir) => (dir.length > 1 ? dir.replace(/\/+$/, "") : dir))
    .optional(),
);

/** Environment of the signaling service. Parsed once at start; a bad value stops the process with a clear message. */
export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    HOST: z.string().min(1).default("0.0.0.0"),
    JOIN_TOKEN_SECRET: z.string().min(32, "JOIN_TOKEN_SECRET must be at least 32 characters"),
    DATABASE_URL: z.string().url(),
    PUBLIC_URL: z.string().url().optional(),
    /** Comma-separated; defaults to the origin of PUBLIC_URL. */
    ALLOWED_ORIGINS: csv,
    /** Reverse proxies whose X-Forwarded-For names the client (IPs or CIDR ranges). Default: none, the peer address counts. */
    TRUSTED_PROXIES: proxies,
    /** Bearer token that GET /metrics requires; unset, /metrics answers 404. */
    METRICS_TOKEN: z.preprocess((value) => (value === "" ? undefined : value), secret("METRICS_TOKEN")),
    ROOM_CAPACITY: positiveInt(d.roomCapacity),
    RECONNECT_GRACE_MS: positiveInt(d.reconnectGraceMs),
    STUN_URLS: csv,
    TURN_URLS: csv,
    TURN_SECRET: z.string().min(1).optional(),
    /** Lifetime of TURN credentials; clients fetch fresh ones before they expire. */
    TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(d.ice.turnTtlSeconds),
    RATE_LIMIT_POINTS: positiveInt(d.rateLimit.points),
    RATE_LIMIT_DURATION_SECONDS: positiveInt(d.rateLimit.durationSeconds),
    MAX_PAYLOAD_BYTES: positiveInt(d.maxPayloadBytes),
    PING_INTERVAL_MS: positiveInt(d.heartbeat.pingIntervalMs),
    PING_TIMEOUT_MS: positiveInt(d.heartbeat.pingTimeoutMs),
    /** redis:// or rediss:// URL; set it on every node to run several signaling nodes as one. */
    REDIS_URL: z
      .string()
      .url()
      .refine((url) => /^rediss?:\/\//.test(url), "REDIS_URL must start with redis:// or rediss://")
      .optional(),
    REDIS_KEY_PREFIX: z.string().regex(/^[\w.-]{1,64}$/, "letters, digits, _ . - only").default("parley"),
    /** How long SIGTERM may take (hand over participants, close connections) before the process exits anyway. */
    SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
    /** Janus nodes (SFU pool); unset: every call is a mesh. */
    SFU_NODES: sfuNodes,
    JANUS_API_SECRET: secret("JANUS_API_SECRET"),
    JANUS_ADMIN_SECRET: secret("JANUS_ADMIN_SECRET"),
    JANUS_ROOM_ADMIN_KEY: secret("JANUS_ROOM_ADMIN_KEY"),
    /** Participants a call keeps as a mesh; participant N+1 moves everyone to the SFU. 0: always the SFU. */
    SFU_MESH_MAX: z.coerce.number().int().min(0).max(64).default(4),
    SFU_PROBE_INTERVAL_MS: positiveInt(5_000),
    /**
     * Recordings directory as Janus (and the web app's worker) see it; unset: recording is unavailable. Without
     * SFU_NODES it is accepted and unused (compose sets it and `SFU_NODES=` turns the SFU off; start logs a warning).
     */
    RECORDINGS_DIR: recordingsDir,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .refine((env) => env.ALLOWED_ORIGINS.length > 0 || env.PUBLIC_URL !== undefined, {
    message: "set PUBLIC_URL or ALLOWED_ORIGINS (browser origins allowed to connect)",
    path: ["ALLOWED_ORIGINS"],
  })
  .refine(
    (env) =>
      env.SFU_NODES.length === 0 ||
      (env.JANUS_API_SECRET !== undefined && env.JANUS_ADMIN_SECRET !== undefined && env.JANUS_ROOM_ADMIN_KEY !== undefined),
    { message: "SFU_NODES needs JANUS_API_SECRET, JANUS_ADMIN_SECRET and JANUS_ROOM_ADMIN_KEY", path: ["SFU_NODES"] },
  )
  .refine((env) => env.TURN_URLS.length === 0 || env.TURN_SECRET !== undefined, {
    message: "TURN_URLS needs TURN_SECRET (time-limited TURN credentials)",
    path: ["TURN_SECRET"],
  });
export type Env = z.infer<typeof envSchema>;

/** Parse the environment; throws an Error listing every bad variable (values are never echoed: some are secrets). */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new Error(`Invalid signaling environment:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** Service settings derived from the environment. */
export function configFromEnv(env: Env): SignalingConfig {
  const origins = env.ALLOWED_ORIGINS.length > 0 ? env.ALLOWED_ORIGINS : [new URL(env.PUBLIC_URL as string).origin];
  return {
    corsOrigins: origins,
    trustedProxies: env.TRUSTED_PROXIES,
    metricsToken: env.METRICS_TOKEN,
    roomCapacity: env.ROOM_CAPACITY,
    reconnectGraceMs: env.RECONNECT_GRACE_MS,
    ice: {
      stunUrls: env.STUN_URLS,
      turnUrls: env.TURN_URLS,
      turnSecret: env.TURN_SECRET,
      turnTtlSeconds: env.TURN_TTL_SECONDS,
    },
    rateLimit: { points: env.RATE_LIMIT_POINTS, durationSeconds: env.RATE_LIMIT_DURATION_SECONDS },
    maxPayloadBytes: env.MAX_PAYLOAD_BYTES,
    heartbeat: { pingIntervalMs: env.PING_INTERVAL_MS, pingTimeoutMs: env.PING_TIMEOUT_MS },
    chatHistoryLimit: defaultSignalingConfig.chatHistoryLimit,
    redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX } : undefined,
    passcodeLimits: defaultSignalingConfig.passcodeLimits,
    sfuSessionLimit: defaultSignalingConfig.sfuSessionLimit,
    sfu: sfuConfigFromEnv(env),
    processMetrics: true,
    recordingsDir: env.RECORDINGS_DIR,
  };
}

function sfuConfigFromEnv(env: Env): SfuConfig | undefined {
  if (env.SFU_NODES.length === 0) return undefined;
  const nodes = env.SFU_NODES.map((entry) => {
    const [, id = "", url = "", adminUrl = ""] = sfuNodeEntry.exec(entry) ?? [];
    return {
      id,
      url,
      adminUrl,
      apiSecret: env.JANUS_API_SECRET as string,
      adminSecret: env.JANUS_ADMIN_SECRET as string,
      roomAdminKey: env.JANUS_ROOM_ADMIN_KEY as string,
    };
  });
  return { nodes, meshMax: env.SFU_MESH_MAX, probeIntervalMs: env.SFU_PROBE_INTERVAL_MS };
}
