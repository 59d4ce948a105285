import type { IceServer } from "@parley/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallError } from "../errors";
import { IceRefresher } from "./ice-refresher";

afterEach(() => vi.useRealTimers());

const turn = (n: number): IceServer => ({ urls: ["turn:turn.example:3478"], username: `${n}:p`, credential: `c${n}` });

describe("IceRefresher", () => {
  it("renews TURN credentials at 80 % of their lifetime, again and again", async () => {
    vi.useFakeTimers();
    let issued = 0;
    const requests: number[] = [];
    const applied: IceServer[][] = [];
    const refresher = new IceRefresher({
      signal: {
        request: (async () => {
          requests.push(Date.now());
          return { iceServers: [turn(++issued)], expiresInSeconds: 600 };
        }) as never,
      },
      apply: (servers) => applied.push([...servers]),
    });
    const start = Date.now();
    refresher.schedule(600);
    await vi.advanceTimersByTimeAsync(479_000);
    expect(requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests.map((at) => at - start)).toEqual([480_000]);
    await vi.advanceTimersByTimeAsync(480_000);
    expect(requests.map((at) => at - start)).toEqual([480_000, 960_000]);
    expect(applied).toEqual([[turn(1)], [turn(2)]]);
    refresher.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(requests).toHaveLength(2);
  });

  it("retries a failed renewal with backoff, and does nothing when nothing expires", async () => {
    vi.useFakeTimers();
    const requests: number[] = [];
    let fail = 3;
    const refresher = new IceRefresher({
      signal: {
        request: (async () => {
          requests.push(Date.now());
          if (fail-- > 0) throw CallError.disconnected();
          return { iceServers: [turn(1)], expiresInSeconds: 600 };
        }) as never,
      },
      apply: () => undefined,
      random: () => 0.999999,
    });
    const start = Date.now();
    refresher.schedule(100);
    await vi.advanceTimersByTimeAsync(100_000);
    // 80 s, then 2, 4 and 8 s later (2 s doubling), then on the new lifetime.
    expect(requests.map((at) => Math.round((at - start) / 1000))).toEqual([80, 82, 86, 94]);
    refresher.stop();

    const idle = new IceRefresher({ signal: { request: vi.fn() as never }, apply: () => undefined });
    idle.schedule(null);
    await vi.advanceTimersByTimeAsync(10_000_000);
    idle.stop();
  });
});
