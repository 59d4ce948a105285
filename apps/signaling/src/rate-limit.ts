import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { ClientEventName } from "@parley/protocol";
import type { SignalingConfig } from "./config";

/** What an event costs against the per-socket budget: ICE candidates come in bursts, joins and chat should not. */
const EVENT_COST: Partial<Record<ClientEventName, number>> = {
  "room:join": 10,
  "chat:send": 5,
  "reaction:send": 5,
};

/** Per-socket rate limit over all events (in memory: one process holds all of a socket's state anyway). */
export interface EventRateLimiter {
  /** False when the socket is over budget. */
  allow(socketId: string, event: string): Promise<boolean>;
  forget(socketId: string): void;
}

export function createEventRateLimiter(config: SignalingConfig["rateLimit"]): EventRateLimiter {
  const limiter = new RateLimiterMemory({ points: config.points, duration: config.durationSeconds });
  return {
    async allow(socketId, event) {
      try {
        await limiter.consume(socketId, EVENT_COST[event as ClientEventName] ?? 1);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
    forget(socketId) {
      void limiter.delete(socketId);
    },
  };
}
