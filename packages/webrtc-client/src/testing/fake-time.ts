import { vi } from "vitest";

/**
 * Test helpers for code driven by fake timers (`vi.useFakeTimers()`). Only the fake clock moves, and
 * vitest's async timer methods let every promise callback run between two timers, so a test sees the
 * same interleaving however slow the machine is. Nothing here sleeps on the wall clock.
 */

/** Advance fake time in small steps until `check()` holds; fails after `timeoutMs` of fake time. */
export async function advanceUntil(check: () => boolean, { stepMs = 5, timeoutMs = 10_000, what = "condition" } = {}): Promise<void> {
  for (let elapsed = 0; !check(); elapsed += stepMs) {
    if (elapsed >= timeoutMs) throw new Error(`${what} not met within ${timeoutMs} ms of fake time`);
    await vi.advanceTimersByTimeAsync(stepMs);
  }
}

/** Await a promise whose progress depends on fake timers (e.g. a request over the fake signal hub). */
export async function settle<T>(promise: Promise<T>, timeoutMs = 10_000): Promise<T> {
  let done = false;
  const observed = promise.then(
    () => (done = true),
    () => (done = true),
  );
  await advanceUntil(() => done, { stepMs: 1, timeoutMs, what: "promise" });
  await observed;
  return promise;
}

/** Run every pending timer, and whatever they schedule in turn, until nothing is left: the system is quiescent. */
export async function drain(): Promise<void> {
  await vi.runAllTimersAsync();
}
