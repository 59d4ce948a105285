import type { Redis } from "ioredis";

/** How wrong passcodes slow down the next try of the same client address or identity. */
export interface GuessPacing {
  /** Wrong guesses a key may make before its tries are spaced out. */
  freeGuesses: number;
  /** Spacing after the first counted wrong guess; doubles with each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a key's wrong guesses are remembered after its last try. */
  memoryMs: number;
}

/** Spacing between two tries of a key that has made `wrong` wrong guesses. */
export function spacingFor(wrong: number, pacing: GuessPacing): number {
  if (wrong < pacing.freeGuesses) return 0;
  return Math.min(pacing.maxDelayMs, pacing.baseDelayMs * 2 ** Math.min(30, wrong - pacing.freeGuesses));
}

/**
 * Per key (a client address, an identity in a meeting): how many wrong guesses it made, and when its last try was
 * scheduled. Tries of a key are spaced by spacingFor(wrong) one after the other, so guesses sent in parallel queue
 * up instead of slipping through together.
 */
export interface GuessLedger {
  /**
   * Schedule a try for all `keys` at once: the wait (ms) before it may be checked. A wait over `maxWaitMs` is
   * returned without being booked (that try is refused, and must not push everyone else's turn further out).
   */
  schedule(keys: readonly string[], nowMs: number, maxWaitMs: number): Promise<number>;
  /** The try was wrong: the next one is spaced from now (its answer), not from when it was scheduled. */
  wrong(keys: readonly string[], nowMs: number): Promise<void>;
  /** The try was right: this key's past wrong guesses no longer count. */
  forget(key: string): Promise<void>;
}

interface Entry {
  wrong: number;
  lastTryAt: number;
  expiresAt: number;
}

/** One process's ledger. Entries expire `memoryMs` after their last try; expired ones are swept as the map grows. */
export function createMemoryLedger(pacing: GuessPacing, sweepAbove = 10_000): GuessLedger {
  const entries = new Map<string, Entry>();
  const live = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now) entries.delete(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  };
  const sweep = (now: number) => {
    if (entries.size <= sweepAbove) return;
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
  };
  return {
    async schedule(keys, now, maxWaitMs) {
      sweep(now);
      let slot = now;
      for (const key of keys) {
        const entry = live(key, now);
        if (entry) slot = Math.max(slot, entry.lastTryAt + spacingFor(entry.wrong, pacing));
      }
      if (slot - now > maxWaitMs) return slot - now;
      for (const key of keys) {
        const entry = live(key, now) ?? { wrong: 0, lastTryAt: 0, expiresAt: 0 };
        entry.lastTryAt = Math.max(entry.lastTryAt, slot);
        entry.expiresAt = slot + pacing.memoryMs;
        entries.set(key, entry);
      }
      return slot - now;
    },
    async wrong(keys, now) {
      for (const key of keys) {
        const entry = live(key, now) ?? { wrong: 0, lastTryAt: now, expiresAt: 0 };
        entry.wrong++;
        entry.lastTryAt = Math.max(entry.lastTryAt, now);
        entry.expiresAt = entry.lastTryAt + pacing.memoryMs;
        entries.set(key, entry);
      }
    },
    async forget(key) {
      entries.delete(key);
    },
  };
}

// Same rules as the memory ledger, atomic in Redis: every node sees the same spacing. KEYS: the keys; ARGV: now,
// free guesses, base delay, max delay, memory, longest wait (all ms).
const SCHEDULE = `
local now, free, base, cap, memory = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local longest = tonumber(ARGV[6])
local slot = now
for _, key in ipairs(KEYS) do
  local wrong = tonumber(redis.call('HGET', key, 'w') or '0')
  local last = tonumber(redis.call('HGET', key, 't') or '0')
  local spacing = 0
  if wrong >= free then spacing = math.min(cap, base * 2 ^ math.min(30, wrong - free)) end
  if last + spacing > slot then slot = last + spacing end
end
if slot - now > longest then return slot - now end
for _, key in ipairs(KEYS) do
  local last = tonumber(redis.call('HGET', key, 't') or '0')
  if slot > last then redis.call('HSET', key, 't', slot) end
  redis.call('PEXPIRE', key, math.floor(slot - now + memory))
end
return slot - now
`;

const WRONG = `
local now, memory = tonumber(ARGV[1]), tonumber(ARGV[2])
for _, key in ipairs(KEYS) do
  redis.call('HINCRBY', key, 'w', 1)
  local last = tonumber(redis.call('HGET', key, 't') or '0')
  if now > last then redis.call('HSET', key, 't', now) end
  redis.call('PEXPIRE', key, memory)
end
`;

/** The ledger shared by all signaling nodes through Redis. */
export function createRedisLedger(pacing: GuessPacing, redis: Redis, keyPrefix: string): GuessLedger {
  const prefixed = (keys: readonly string[]) => keys.map((key) => `${keyPrefix}:passcode-guesses:${key}`);
  return {
    async schedule(keys, now, maxWaitMs) {
      const wait = await redis.eval(
        SCHEDULE,
        keys.length,
        ...prefixed(keys),
        now,
        pacing.freeGuesses,
        pacing.baseDelayMs,
        pacing.maxDelayMs,
        pacing.memoryMs,
        maxWaitMs,
      );
      return Math.max(0, Number(wait));
    },
    async wrong(keys, now) {
      await redis.eval(WRONG, keys.length, ...prefixed(keys), now, pacing.memoryMs);
    },
    async forget(key) {
      await redis.del(prefixed([key]));
    },
  };
}
