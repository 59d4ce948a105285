import { DEFAULT_PASSCODE_LIMITS, type PasscodeLimits } from "./auth/passcode-guard";
import type { SfuNodeConfig } from "@parley/janus";
import { DEFAULT_SFU_SESSION_LIMIT, type SfuSessionLimit } from "./sfu-session-limit";

export interface SfuConfig {
  nodes: SfuNodeConfig[];
  /** A meeting moves from mesh to the SFU when participant `meshMax + 1` joins; 0 = always the SFU. */
  meshMax: number;
  /** How often node loads are probed (ms). */
  probeIntervalMs: number;
}

/** Runtime settings of the signaling service (built from env in main.ts; tests build their own). */
export interface SignalingConfig {
  /** Browser origins allowed to open a socket (checked on the WebSocket upgrade too). */
  corsOrigins: string[];
  /** Proxies (IPs or CIDR ranges) whose X-Forwarded-For header names the client's address. */
  trustedProxies: string[];
  /** GET /metrics needs `Authorization: Bearer <metricsToken>`; undefined: /metrics is off (404). */
  metricsToken: string | undefined;
  /** Maximum participants in one call (the lobby does not count). */
  roomCapacity: number;
  /** How long a dropped participant keeps its place before the others see it leave. */
  reconnectGraceMs: number;
  ice: {
    stunUrls: string[];
    turnUrls: string[];
    /** Shared secret with the TURN server (coturn `static-auth-secret`); TURN is offered only when set. */
    turnSecret: string | undefined;
    turnTtlSeconds: number;
  };
  /** Per-socket budget: `points` per `durationSeconds`; each event costs 1 (joins, chat and reactions cost more). */
  rateLimit: { points: number; durationSeconds: number };
  /** Largest socket.io frame accepted; bigger frames close the connection. */
  maxPayloadBytes: number;
  heartbeat: { pingIntervalMs: number; pingTimeoutMs: number };
  chatHistoryLimit: number;
  /** Keep rooms in Redis and relay through it, so several nodes act as one. Undefined: single node, in memory. */
  redis: { url: string; keyPrefix: string } | undefined;
  /** How many wrong passcodes may be tried (per identity, per meeting) and how many checks run at once. */
  passcodeLimits: PasscodeLimits;
  /** How many fresh SFU sessions one participant may start per window (restarts after failed ICE). */
  sfuSessionLimit: SfuSessionLimit;
  /** Janus nodes for large meetings. Undefined: no SFU, every call is a mesh (capacity should stay small). */
  sfu: SfuConfig | undefined;
  /** Report process metrics (CPU, memory, event loop) on /metrics too. */
  processMetrics: boolean;
  /**
   * Where Janus writes recordings (an absolute path as Janus sees it; the web app's worker must see the same
   * directory at the same path). Undefined: recording is unavailable (`recording_unavailable`).
   */
  recordingsDir: string | undefined;
}

/** Defaults shared by env.ts and tests. */
export const defaultSignalingConfig: SignalingConfig = {
  corsOrigins: ["http://localhost:3000"],
  trustedProxies: [],
  metricsToken: undefined,
  roomCapacity: 8,
  reconnectGraceMs: 15_000,
  ice: { stunUrls: [], turnUrls: [], turnSecret: undefined, turnTtlSeconds: 600 },
  rateLimit: { points: 100, durationSeconds: 1 },
  // Room for the largest SFU answer (LIMITS.sdpMaxLength) plus its envelope.
  maxPayloadBytes: 256 * 1024,
  // NOTE: socket.io's defaults (25 s + 20 s) take 45 s to notice a dead socket; a call wants to know within ~15 s,
  // and the reconnect grace period starts only once the socket is declared dead.
  heartbeat: { pingIntervalMs: 10_000, pingTimeoutMs: 5_000 },
  chatHistoryLimit: 200,
  redis: undefined,
  passcodeLimits: DEFAULT_PASSCODE_LIMITS,
  sfuSessionLimit: DEFAULT_SFU_SESSION_LIMIT,
  sfu: undefined,
  processMetrics: false,
  recordingsDir: undefined,
};
