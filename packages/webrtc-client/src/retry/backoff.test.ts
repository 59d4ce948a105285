import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";

describe("backoffDelay", () => {
  const policy = { baseMs: 1000, maxMs: 30_000 };

  it("doubles from the base up to the cap", () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6, 40].map((attempt) => backoffDelay(attempt, { ...policy, random: () => 0.999999 }));
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("keeps half of each wait fixed and randomises the other half", () => {
    expect(backoffDelay(2, { ...policy, random: () => 0 })).toBe(2000);
    expect(backoffDelay(2, { ...policy, random: () => 0.5 })).toBe(3000);
    const draws = new Set(Array.from({ length: 50 }, () => backoffDelay(3, policy)));
    expect(draws.size).toBeGreaterThan(10);
    for (const ms of draws) expect(ms).toBeGreaterThanOrEqual(4000);
  });
});
