import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { MeetingForCall } from "../db";
import { SignalingError } from "../errors";
import { verifyPasscode } from "@parley/join-auth";

export interface PasscodeLimits {
  /** Wrong passcodes one identity may try per window. */
  perIdentity: number;
  /** Wrong passcodes all identities together may try per meeting and window (guests can mint new identities). */
  perMeeting: number;
  windowSeconds: number;
  /** Passcode checks (16 MB of scrypt each) running at once in this process; more wait their turn. */
  concurrentChecks: number;
}

export const DEFAULT_PASSCODE_LIMITS: PasscodeLimits = { perIdentity: 5, perMeeting: 50, windowSeconds: 600, concurrentChecks: 2 };

/** Checks a meeting's passcode, with guessing limited per identity and per meeting (shared by all nodes via Redis). */
export interface PasscodeGuard {
  /** Resolves when `passcode` opens `meeting` (or it has none); throws passcode_required/_invalid or rate_limited. */
  check(meeting: MeetingForCall, subject: string, passcode: string | undefined): Promise<void>;
}

export function createPasscodeGuard(limits: PasscodeLimits, redis?: { client: Redis; keyPrefix: string }): PasscodeGuard {
  const limiter = (keyPrefix: string, points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis.client, keyPrefix: `${redis.keyPrefix}:${keyPrefix}`, points, duration: limits.windowSeconds })
      : new RateLimiterMemory({ keyPrefix, points, duration: limits.windowSeconds });
  const perIdentity = limiter("passcode-identity", limits.perIdentity);
  const perMeeting = limiter("passcode-meeting", limits.perMeeting);
  const checks = new Semaphore(limits.concurrentChecks);

  const tooMany = (retryMs: number) =>
    new SignalingError("rate_limited", `Too many wrong passcodes. Try again in ${Math.max(1, Math.ceil(retryMs / 60_000))} min.`);

  return {
    async check(meeting, subject, passcode) {
      if (!meeting.passcodeHash) return;
      if (passcode === undefined) throw new SignalingError("passcode_required", "This meeting needs a passcode.");
      const identityKey = `${meeting.id}:${subject}`;
      // NOTE: every try is charged before it is checked (and refunded when right): guesses sent in parallel cannot
      // all slip past a counter that only grows after each wrong answer.
      try {
        await perIdentity.consume(identityKey);
      } catch (error) {
        if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
        throw error;
      }
      try {
        await perMeeting.consume(meeting.id);
      } catch (error) {
        await perIdentity.reward(identityKey).catch(() => undefined);
        if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
        throw error;
      }
      const hash = meeting.passcodeHash;
      if (!checks.tryQueue()) throw new SignalingError("rate_limited", "Too many joins at once. Try again in a moment.");
      if (await checks.run(() => verifyPasscode(passcode, hash))) {
        await Promise.all([perIdentity.delete(identityKey), perMeeting.reward(meeting.id)]).catch(() => undefined);
        return;
      }
      throw new SignalingError("passcode_invalid", "That passcode is not right.");
    },
  };
}

/** At most `limit` tasks at once; the rest queue in order (at most `maxQueue` of them). */
class Semaphore {
  #running = 0;
  readonly #waiting: (() => void)[] = [];
  constructor(
    private readonly limit: number,
    private readonly maxQueue = 64,
  ) {}

  /** Whether one more task may wait for its turn (a flood of checks is refused rather than queued). */
  tryQueue(): boolean {
    return this.#waiting.length < this.maxQueue;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next in line, so the count never exceeds the limit.
    if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#running++;
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
