import type { PeerStatsSummary } from "@parley/webrtc-client";
import { describe, expect, it } from "vitest";
import { statsRows } from "./stats-rows";

const stats: PeerStatsSummary = {
  rttMs: 23,
  packetLossPercent: 0.54,
  inboundKbps: 1480.6,
  outboundKbps: 320,
  audioLevel: 0.1,
  jitterMs: 4.2,
  audioCodec: "audio/opus",
  candidates: { local: "relay", remote: "host" },
  video: [
    { trackId: "s", mid: "2", framesDecoded: 10, framesPerSecond: 5, frameWidth: 320, frameHeight: 180, bytesReceived: 1, codec: "video/VP8" },
    { trackId: "c", mid: "1", framesDecoded: 90, framesPerSecond: 29.7, frameWidth: 1280, frameHeight: 720, bytesReceived: 1, codec: "video/VP9" },
  ],
};

const byKey = (rows: ReturnType<typeof statsRows>) => Object.fromEntries(rows.map((r) => [r.key, r.value]));

describe("stats panel rows", () => {
  it("shows codec, resolution and fps of the largest stream, bitrates, RTT, jitter, loss and the path", () => {
    expect(byKey(statsRows(stats))).toEqual({
      "video-codec": "VP9",
      "audio-codec": "opus",
      resolution: "1280×720",
      fps: "30 fps",
      "bitrate-in": "1.48 Mbit/s",
      "bitrate-out": "320 kbit/s",
      rtt: "23 ms",
      jitter: "4 ms",
      loss: "0.5 %",
      connection: "Relayed (TURN) (relay → host)",
    });
  });

  it("marks what is not measured yet and adds the SFU layer only through the SFU", () => {
    const empty: PeerStatsSummary = { rttMs: null, packetLossPercent: null, inboundKbps: null, outboundKbps: null, audioLevel: null, jitterMs: null, audioCodec: null, candidates: null, video: [] };
    expect(new Set(Object.values(byKey(statsRows(empty))))).toEqual(new Set(["—"]));
    expect(byKey(statsRows(stats, "low"))["sfu-layer"]).toBe("Low");
  });
});
