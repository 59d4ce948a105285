import { afterEach, describe, expect, it, vi } from "vitest";
import type { CallError } from "../errors";
import { FakePeerConnection } from "../testing/fake-peer-connection";
import { IceRecovery } from "./ice-recovery";

afterEach(() => vi.useRealTimers());

describe("IceRecovery", () => {
  it("spaces ICE restarts of a connection that stays failed exponentially, then gives up with ice_failed", async () => {
    vi.useFakeTimers();
    const pc = new FakePeerConnection();
    const errors: CallError[] = [];
    const recovery = new IceRecovery({ pc, remoteId: "ana", polite: false, onError: (e) => errors.push(e), random: () => 0.999999 });
    const restartsAt: number[] = [];
    const started = Date.now();
    const restartIce = pc.restartIce.bind(pc);
    pc.restartIce = () => {
      restartsAt.push(Date.now() - started);
      restartIce();
    };
    pc.connectionState = "failed";
    recovery.onConnectionState("failed");
    await vi.advanceTimersByTimeAsync(200_000);
    // The first restart at once, then after 8, 16, 30 (cap), 30 s: not every 8 s, and never in a tight loop.
    expect(restartsAt).toEqual([0, 8_000, 24_000, 54_000, 84_000]);
    expect(errors.map((e) => e.code)).toEqual(["ice_failed"]);
  });
});
