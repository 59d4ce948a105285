import { describe, expect, it } from "vitest";
import { readPeerStats, summarize } from "./peer-stats";

function report(entries: Record<string, unknown>[]): RTCStatsReport {
  return new Map(entries.map((e) => [String(e.id), e])) as unknown as RTCStatsReport;
}

const sample = (t: number, received: number, lost: number, bytes: number, frames: number) =>
  report([
    { id: "in-a", type: "inbound-rtp", kind: "audio", timestamp: t, packetsReceived: received / 2, packetsLost: lost, bytesReceived: bytes / 4, audioLevel: 0.3 },
    { id: "in-v", type: "inbound-rtp", kind: "video", timestamp: t, packetsReceived: received / 2, packetsLost: 0, bytesReceived: (bytes * 3) / 4, framesDecoded: frames, trackIdentifier: "trk", mid: "1", frameWidth: 640, frameHeight: 360 },
    { id: "out", type: "outbound-rtp", kind: "video", timestamp: t, bytesSent: bytes },
    { id: "T", type: "transport", selectedCandidatePairId: "cp1" },
    { id: "cp1", type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: 0.042 },
  ]);

describe("peer stats", () => {
  it("reads counters, rtt, audio level and inbound video frames", () => {
    const s = readPeerStats(sample(1000, 200, 4, 10_000, 30));
    expect(s.rttMs).toBe(42);
    expect(s.audioLevel).toBe(0.3);
    expect(s.video).toEqual([expect.objectContaining({ trackId: "trk", mid: "1", framesDecoded: 30, frameWidth: 640 })]);
  });

  it("computes loss % and kbit/s over the interval between two snapshots", () => {
    const a = readPeerStats(sample(1000, 200, 4, 10_000, 30));
    const b = readPeerStats(sample(2000, 300, 14, 135_000, 60));
    const summary = summarize(b, a);
    expect(summary.packetLossPercent).toBeCloseTo((10 / 110) * 100);
    expect(summary.inboundKbps).toBeCloseTo(1000); // 125 000 bytes in 1 s
    expect(summary.outboundKbps).toBeCloseTo(1000);
    expect(summarize(a, null).inboundKbps).toBeNull();
  });
});
