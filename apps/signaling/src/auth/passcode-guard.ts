import type { Redis } from "ioredis";
import type { MeetingForCall } from "../db";
import { SignalingError } from "../errors";
import { verifyPasscode } from "@parley/join-auth";
import { createMemoryLedger, createRedisLedger, type GuessLedger, type GuessPacing } from "./guess-ledger";

export interface PasscodeLimits extends GuessPacing {
  /**
   * Longest a try may be held back. More is only reached by many tries in parallel from one address or identity
   * (a person types one at a time); those are refused `rate_limited` without being checked.
   */
  maxWaitMs: number;
  /** Passcode checks (16 MB of scrypt each) running at once in this process; more wait their turn. */
  concurrentChecks: number;
}

export const DEFAULT_PASSCODE_LIMITS: PasscodeLimits = {
  freeGuesses: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxWaitMs: 60_000,
  memoryMs: 15 * 60_000,
  concurrentChecks: 2,
};

/** Who is trying: the identity of the join token, and the client's address (see http/client-address). */
export interface PasscodeTry {
  subject: string;
  /** addressKey() of the client's address. */
  address: string;
}

/**
 * Checks a meeting's passcode. Wrong guesses slow down the next tries of the same client address and of the same
 * identity (exponentially, shared by all nodes via Redis); nobody else is affected, and a right passcode is never
 * refused because of wrong guesses, only held back (at most maxDelayMs for one try at a time).
 */
export interface PasscodeGuard {
  /** Resolves when `passcode` opens `meeting` (or it has none); throws passcode_required/_invalid or rate_limited. */
  check(meeting: MeetingForCall, who: PasscodeTry, passcode: string | undefined): Promise<void>;
}

export interface PasscodeGuardDeps {
  redis?: { client: Redis; keyPrefix: string };
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export function createPasscodeGuard(limits: PasscodeLimits, deps: PasscodeGuardDeps = {}): PasscodeGuard {
  const ledger: GuessLedger = deps.redis ? createRedisLedger(limits, deps.redis.client, deps.redis.keyPrefix) : createMemoryLedger(limits);
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const checks = new Semaphore(limits.concurrentChecks);

  return {
    async check(meeting, who, passcode) {
      if (!meeting.passcodeHash) return;
      if (passcode === undefined) throw new SignalingError("passcode_required", "This meeting needs a passcode.");
      // NOTE: the address counts across meetings (spraying guesses over many meetings is slowed too); the identity
      // within this meeting only. A guest can mint identities for free, an address costs the attacker something.
      const identityKey = `identity:${meeting.id}:${who.subject}`;
      const keys = [`address:${who.address}`, identityKey];
      // Every try takes its turn before it is checked, so tries sent in parallel queue up rather than all being
      // answered at once.
      const wait = await ledger.schedule(keys, now(), limits.maxWaitMs);
      if (wait > limits.maxWaitMs) {
        throw new SignalingError("rate_limited", `Too many passcode tries at once. Try again in ${Math.ceil(wait / 1000)} s.`);
      }
      if (wait > 0) await sleep(wait);
      if (!checks.tryQueue()) throw new SignalingError("rate_limited", "Too many joins at once. Try again in a moment.");
      const hash = meeting.passcodeHash;
      if (await checks.run(() => verifyPasscode(passcode, hash))) {
        await ledger.forget(identityKey).catch(() => undefined);
        return;
      }
      await ledger.wrong(keys, now());
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
