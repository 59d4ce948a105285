import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";

/** The one renderer (also the Docker entrypoint's): deploy/janus/render-config.sh. */
export const RENDER_SCRIPT = fileURLToPath(new URL("../../../deploy/janus/render-config.sh", import.meta.url));

// Values end up inside quoted libconfig strings; the script refuses these too, this only fails earlier and clearer.
const safeString = z.string().regex(/^[^"\\\n]*$/, "must not contain quotes, backslashes or newlines");
const secret = safeString.min(16);
const port = z.number().int().min(1).max(65_535);

export const janusSecretsSchema = z.object({
  /** Every Janus API request carries it (`apisecret`). */
  apiSecret: secret,
  /** Admin API (`admin_secret`). */
  adminSecret: secret,
  /** VideoRoom `admin_key`: needed to create rooms and (lock_rtp_forward) to rtp_forward. */
  roomAdminKey: secret,
});
export type JanusSecrets = z.infer<typeof janusSecretsSchema>;

export const janusConfigOptionsSchema = z
  .object({
    secrets: janusSecretsSchema,
    /** Where the rendered files go; also Janus' configs_folder. */
    configDir: safeString.min(1),
    serverName: safeString.min(1).default("parley-janus"),
    debugLevel: z.number().int().min(0).max(7).default(4),
    /** Janus `event_loops` (opt-in; see deploy/janus/README.md). Omitted: one loop per handle (Janus' default). */
    eventLoops: z.number().int().min(1).max(64).optional(),
    sessionTimeoutSeconds: z.number().int().min(1).default(60),
    rtpPortRange: z
      .tuple([port, port])
      .refine(([min, max]) => min <= max, "min must not exceed max")
      .default([20_000, 40_000]),
    slowlinkThreshold: z.number().int().min(0).default(4),
    /** Janus API listener: a TCP port (with optional bind address) or a UNIX socket path. */
    ws: z.union([z.object({ port, ip: safeString.optional() }), z.object({ unixPath: safeString.min(1) })]),
    /** Admin API listener; omitted: disabled. */
    adminWs: z.union([z.object({ port, ip: safeString.default("127.0.0.1") }), z.object({ unixPath: safeString.min(1) })]).optional(),
    /** Comma-separated allowed client address prefixes for TCP listeners (Janus `ws_acl`). */
    wsAcl: safeString.optional(),
    /** Public address(es) written into host candidates behind a 1:1 NAT. */
    nat1to1Mapping: safeString.optional(),
    keepPrivateHost: z.boolean().default(false),
    stun: z.object({ server: safeString.min(1), port: port.default(3478) }).optional(),
    turn: z
      .union([
        z.object({
          server: safeString.min(1),
          port: port.default(3478),
          type: z.enum(["udp", "tcp", "tls"]).default("udp"),
          user: safeString,
          password: safeString,
        }),
        z.object({ restApi: z.string().url().pipe(safeString), restApiKey: safeString.optional() }),
      ])
      .optional(),
    /** Interfaces/addresses ICE may use (Janus `ice_enforce_list`). */
    iceEnforceList: safeString.optional(),
    iceIgnoreList: safeString.default("vmnet"),
    libDir: safeString.default("/usr/lib/x86_64-linux-gnu/janus"),
  })
  .strict();
export type JanusConfigOptions = z.input<typeof janusConfigOptionsSchema>;

/** Fresh random secrets (tests; production sets its own through the environment). */
export function generateJanusSecrets(): JanusSecrets {
  const make = () => randomBytes(24).toString("base64url");
  return { apiSecret: make(), adminSecret: make(), roomAdminKey: make() };
}

/** The JANUS_* environment render-config.sh reads, from validated options. */
export function janusConfigEnv(input: JanusConfigOptions): Record<string, string> {
  const o = janusConfigOptionsSchema.parse(input);
  const env: Record<string, string> = {
    JANUS_API_SECRET: o.secrets.apiSecret,
    JANUS_ADMIN_SECRET: o.secrets.adminSecret,
    JANUS_ROOM_ADMIN_KEY: o.secrets.roomAdminKey,
    JANUS_CONFIG_DIR: o.configDir,
    JANUS_LIB_DIR: o.libDir,
    JANUS_SERVER_NAME: o.serverName,
    JANUS_DEBUG_LEVEL: String(o.debugLevel),
    JANUS_SESSION_TIMEOUT: String(o.sessionTimeoutSeconds),
    JANUS_RTP_PORT_RANGE: `${o.rtpPortRange[0]}-${o.rtpPortRange[1]}`,
    JANUS_SLOWLINK_THRESHOLD: String(o.slowlinkThreshold),
    JANUS_ICE_IGNORE_LIST: o.iceIgnoreList,
    JANUS_KEEP_PRIVATE_HOST: String(o.keepPrivateHost),
    JANUS_ADMIN_WS: String(o.adminWs !== undefined),
  };
  if (o.eventLoops !== undefined) env.JANUS_EVENT_LOOPS = String(o.eventLoops);
  if ("unixPath" in o.ws) env.JANUS_WS_UNIX = o.ws.unixPath;
  else {
    env.JANUS_WS_PORT = String(o.ws.port);
    if (o.ws.ip) env.JANUS_WS_IP = o.ws.ip;
  }
  if (o.adminWs && "unixPath" in o.adminWs) env.JANUS_ADMIN_WS_UNIX = o.adminWs.unixPath;
  else if (o.adminWs) {
    env.JANUS_ADMIN_WS_PORT = String(o.adminWs.port);
    env.JANUS_ADMIN_WS_IP = o.adminWs.ip;
  }
  if (o.wsAcl) env.JANUS_WS_ACL = o.wsAcl;
  if (o.nat1to1Mapping) env.JANUS_NAT_1_1_MAPPING = o.nat1to1Mapping;
  if (o.stun) Object.assign(env, { JANUS_STUN_SERVER: o.stun.server, JANUS_STUN_PORT: String(o.stun.port) });
  if (o.turn && "restApi" in o.turn) {
    env.JANUS_TURN_REST_API = o.turn.restApi;
    if (o.turn.restApiKey) env.JANUS_TURN_REST_API_KEY = o.turn.restApiKey;
  } else if (o.turn) {
    Object.assign(env, {
      JANUS_TURN_SERVER: o.turn.server,
      JANUS_TURN_PORT: String(o.turn.port),
      JANUS_TURN_TYPE: o.turn.type,
      JANUS_TURN_USER: o.turn.user,
      JANUS_TURN_PASSWORD: o.turn.password,
    });
  }
  if (o.iceEnforceList) env.JANUS_ICE_ENFORCE_LIST = o.iceEnforceList;
  return env;
}

/** Render the Janus configuration into `options.configDir` with deploy/janus/render-config.sh. */
export async function renderJanusConfig(options: JanusConfigOptions): Promise<void> {
  const env = janusConfigEnv(options);
  // Only PATH and our variables: a stray JANUS_* in the caller's environment must not leak into the config.
  await promisify(execFile)("sh", [RENDER_SCRIPT, env.JANUS_CONFIG_DIR as string], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
  });
}
