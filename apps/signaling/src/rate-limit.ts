import type { ClientEventName } from "@parley/protocol";
import type { SignalingConfig } from "./config";

/** What an event costs against the per-socket budget: ICE candidates come in bursts, joins and chat should not. */
const EVENT_COST: Partial<Record<ClientEventName, number>> = {
  "room:join": 10,
  "chat:send": 5,
  "reaction:send": 5,
  // An HMAC per call, needed once per TURN_TTL_SECONDS: a client asking more often is misbehaving.
  "ice:refresh": 10,
};

/** Per-socket rate limit over all events (per node: a socket lives on one node). */
export interface EventRateLimiter {
  /** False when the socket is over budget; a refused event costs nothing. */
  allow(socketId: string, event: string): boolean;
  forget(socketId: string): void;
}

/**
 * Fixed window per socket: `points` per `durationSeconds`. Two numbers per socket and no timers, because at
 * 10,000 sockets a timer or record per window and socket is memory and garbage on the hot path.
 */
export function createEventRateLimiter(config: SignalingConfig["rateLimit"], now: () => number = Date.now): EventRateLimiter {
  const windowMs = config.durationSeconds * 1000;
  const windows = new Map<string, { startedAt: number; used: number }>();
  return {
    allow(socketId, event) {
      const cost = EVENT_COST[event as ClientEventName] ?? 1;
      const at = now();
      let window = windows.get(socketId);
      if (!window) {
        window = { startedAt: at, used: 0 };
        windows.set(socketId, window);
      } else if (at - window.startedAt >= windowMs) {
        window.startedAt = at;
        window.used = 0;
      }
      if (window.used + cost > config.points) return false;
      window.used += cost;
      return true;
    },
    forget(socketId) {
      windows.delete(socketId);
    },
  };
}
