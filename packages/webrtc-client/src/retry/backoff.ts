/** Exponential backoff for automatic retries: how long to wait before retry number `attempt` (0-based). */
export interface BackoffPolicy {
  /** The first wait (before jitter). */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
  /** [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/**
 * `min(maxMs, baseMs · 2^attempt)`, of which the lower half is fixed and the upper half random ("equal jitter").
 * NOTE: the jitter spreads out clients that failed together (a media server restart drops everyone at once),
 * the fixed half guarantees the growth even for an unlucky draw.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const random = policy.random ?? Math.random;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Defaults shared by the call engine's retries. */
export const RETRY_DEFAULTS = {
  /** Rebuilding the SFU session after ICE to the media server failed. */
  sfuRestart: { baseMs: 1_000, maxMs: 30_000 },
  /** Restarting ICE of one mesh connection. */
  iceRestart: { baseMs: 1_000, maxMs: 30_000 },
  /** Re-publishing while the media server is (re)starting. */
  publish: { baseMs: 500, maxMs: 8_000 },
  /** Fetching a join token again. */
  token: { baseMs: 500, maxMs: 10_000 },
  /**
   * Reopening the signaling socket (socket.io's own backoff with jitter, given these bounds). NOTE: capped low on
   * purpose: a restarted or handed-over node is back within seconds and every client should be in the room
   * within 5 s of a crash; a socket reconnect is one cheap WebSocket upgrade, and the server rate-limits joins.
   */
  reconnect: { baseMs: 250, maxMs: 400 },
  /** Sending a mesh offer again while its answer does not come (lost in flight). */
  answerWait: { baseMs: 1_500, maxMs: 8_000 },
  /** Fetching fresh TURN credentials after a failure. */
  iceRefresh: { baseMs: 2_000, maxMs: 60_000 },
} as const satisfies Record<string, BackoffPolicy>;

/** After this many failed automatic restarts in a row the user is told the media server can't be reached. */
export const UNREACHABLE_AFTER_FAILURES = 3;
