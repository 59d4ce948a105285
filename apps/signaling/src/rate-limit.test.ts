import { describe, expect, it } from "vitest";
import { createEventRateLimiter } from "./rate-limit";

describe("event rate limiter", () => {
  it("spends a per-socket budget per window, charging joins and chat more, and refills it", () => {
    let now = 0;
    const limiter = createEventRateLimiter({ points: 20, durationSeconds: 1 }, () => now);
    expect(limiter.allow("a", "room:join")).toBe(true); // 10
    expect(limiter.allow("a", "chat:send")).toBe(true); // 15
    expect(limiter.allow("a", "chat:send")).toBe(true); // 20
    expect(limiter.allow("a", "signal:candidate")).toBe(false);
    expect(limiter.allow("b", "signal:candidate")).toBe(true); // others are unaffected
    now = 999;
    expect(limiter.allow("a", "signal:candidate")).toBe(false);
    now = 1000;
    expect(limiter.allow("a", "signal:candidate")).toBe(true);
  });

  it("refuses an event that does not fit without spending the rest of the budget", () => {
    const limiter = createEventRateLimiter({ points: 12, durationSeconds: 60 }, () => 0);
    expect(limiter.allow("a", "room:join")).toBe(true); // 10
    expect(limiter.allow("a", "chat:send")).toBe(false); // would be 15
    expect(limiter.allow("a", "hand:raise")).toBe(true); // 11
    limiter.forget("a");
    expect(limiter.allow("a", "room:join")).toBe(true);
  });
});
