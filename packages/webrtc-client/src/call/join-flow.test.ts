import type { ClientEventName } from "@parley/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CallError } from "../errors";
import type { LocalMedia } from "../media/local-media";
import type { SignalChannel } from "../signal/signal-channel";
import { JoinFlow } from "./join-flow";

afterEach(() => vi.useRealTimers());

describe("JoinFlow", () => {
  it("retries a failing re-join (token fetch down) with growing, jittered waits up to a cap", async () => {
    vi.useFakeTimers();
    const tokenFetches: number[] = [];
    const started = Date.now();
    const signal = {
      connected: true,
      connect: () => undefined,
      close: () => undefined,
      on: () => () => undefined,
      onConnectionChange: () => () => undefined,
      request: (event: ClientEventName) => Promise.reject(new CallError("internal", `no ${event}`)),
    } as unknown as SignalChannel;
    const flow = new JoinFlow({
      options: {
        signal,
        meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f",
        localMedia: { state: { audioMuted: false, videoMuted: false } } as unknown as LocalMedia,
        getJoinToken: () => {
          tokenFetches.push(Date.now() - started);
          return Promise.reject(new Error("web app unreachable"));
        },
      },
      closed: () => false,
      reconnecting: () => true,
      onResult: () => undefined,
      onRejoinFailed: () => undefined,
    });
    flow.rejoin();
    await vi.advanceTimersByTimeAsync(120_000);
    const gaps = tokenFetches.slice(1).map((at, i) => at - (tokenFetches[i] as number));
    // 500 ms doubling to a 10 s cap, each wait between half and all of its ceiling.
    const ceilings = [500, 1000, 2000, 4000, 8000, 10_000, 10_000];
    ceilings.forEach((ceiling, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(ceiling / 2);
      expect(gaps[i]).toBeLessThanOrEqual(ceiling);
    });
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
    // About 15 tries in two minutes, not hundreds.
    expect(tokenFetches.length).toBeLessThan(25);
    flow.stop();
  });
});
