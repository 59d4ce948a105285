import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { SignalingError } from "./errors";

export interface SfuSessionLimit {
  /** Fresh SFU sessions (a publish that starts over) one participant may open per window. */
  sessions: number;
  windowSeconds: number;
}

export const DEFAULT_SFU_SESSION_LIMIT: SfuSessionLimit = { sessions: 6, windowSeconds: 60 };

/**
 * How often one identity in a meeting may start a new SFU session. NOTE: each one costs a Janus session, handles
 * and a room join; a client whose ICE can never succeed would otherwise rebuild them in a loop (issue #14, 9).
 */
export interface SfuSessionLimiter {
  /** Throws `rate_limited` when `subject` started too many sessions in `meetingId` lately. */
  take(meetingId: string, subject: string): Promise<void>;
}

export function createSfuSessionLimiter(limit: SfuSessionLimit, redis?: { client: Redis; keyPrefix: string }): SfuSessionLimiter {
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ storeClient: redis.client, keyPrefix: `${redis.keyPrefix}:sfu-sessions`, points: limit.sessions, duration: limit.windowSeconds })
    : new RateLimiterMemory({ keyPrefix: "sfu-sessions", points: limit.sessions, duration: limit.windowSeconds });
  return {
    async take(meetingId, subject) {
      try {
        await limiter.consume(`${meetingId}:${subject}`);
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw new SignalingError("rate_limited", `Too many media restarts. Try again in ${seconds} s.`);
      }
    },
  };
}
