import type { SignalChannel } from "@parley/webrtc-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { JoinPrefetch, PREFETCH_MAX_AGE_MS, RETYPE_DEBOUNCE_MS } from "./join-prefetch";
import type { JoinGrant } from "@parley/protocol";

const URL_A = "http://signal-a";

function fakeChannel(url: string) {
  return { url, connect: vi.fn(), close: vi.fn(), connected: false } as unknown as SignalChannel & {
    url: string;
    connect: ReturnType<typeof vi.fn>;
    close: ReturnType<typeof vi.fn>;
  };
}

function setup(signalingUrl = URL_A) {
  let now = 0;
  const requested: string[] = [];
  const pending: Array<() => void> = [];
  const channels: ReturnType<typeof fakeChannel>[] = [];
  const prefetch = new JoinPrefetch({
    requestToken: (name) => {
      requested.push(name);
      const n = requested.length;
      return new Promise<JoinGrant>((resolve) =>
        pending.push(() => resolve({ token: `t${n}`, expiresInSeconds: 120, signalingUrl, name, role: "guest", meetingId: "m" })),
      );
    },
    openChannel: (url) => {
      const channel = fakeChannel(url);
      channels.push(channel);
      return channel;
    },
    now: () => now,
  });
  const answer = async () => {
    await vi.advanceTimersByTimeAsync(0);
    pending.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { prefetch, requested, channels, answer, advance: (ms: number) => (now += ms) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("JoinPrefetch", () => {
  it("mints the token and opens the connection before Join, and hands both over on Join", async () => {
    const { prefetch, requested, channels, answer } = setup();
    prefetch.nameChanged("  Ada ");
    await vi.advanceTimersByTimeAsync(0);
    expect(requested).toEqual(["Ada"]);
    await answer();
    expect(channels).toHaveLength(1);
    expect(channels[0]!.connect).toHaveBeenCalledOnce();

    const prepared = await prefetch.take("Ada");
    expect(prepared.grant.token).toBe("t1");
    expect(prepared.signal).toBe(channels[0]);
    expect(requested).toEqual(["Ada"]); // no second request
    prefetch.dispose();
    expect(channels[0]!.close).not.toHaveBeenCalled(); // it belongs to the call now
  });

  it("waits for typing to pause before minting again, one request at a time", async () => {
    const { prefetch, requested, answer } = setup();
    prefetch.nameChanged("A");
    prefetch.nameChanged("Ad");
    prefetch.nameChanged("Ada");
    await vi.advanceTimersByTimeAsync(RETYPE_DEBOUNCE_MS - 1);
    expect(requested).toEqual(["A"]);
    expect(requested).toEqual(["A"]);
    await vi.advanceTimersByTimeAsync(1);
    // Queued behind the first (a new guest's cookie comes with the first answer).
    expect(requested).toEqual(["A"]);
    await answer();
    expect(requested).toEqual(["A", "Ada"]);
    await answer();
    expect((await prefetch.take("Ada")).grant.token).toBe("t2");
  });

  it("mints a fresh token on Join when the name changed or the prefetched one is old, keeping the connection", async () => {
    const { prefetch, requested, channels, answer, advance } = setup();
    prefetch.nameChanged("Ada");
    await answer();
    advance(PREFETCH_MAX_AGE_MS);
    const taking = prefetch.take("Ada");
    await vi.advanceTimersByTimeAsync(0);
    expect(requested).toEqual(["Ada", "Ada"]);
    await answer();
    const prepared = await taking;
    expect(prepared.grant.token).toBe("t2");
    expect(prepared.signal).toBe(channels[0]);
  });

  it("closes a connection nobody took", async () => {
    const { prefetch, channels, answer } = setup();
    prefetch.nameChanged("Ada");
    await answer();
    prefetch.dispose();
    prefetch.dispose();
    expect(channels[0]!.close).toHaveBeenCalledOnce();
  });
});
