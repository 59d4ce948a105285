import { qualityReportPayloadSchema } from "@parley/protocol";
import { describe, expect, it } from "vitest";
import { chromiumMeshReport } from "./fixtures/chromium-mesh-report";
import { readPeerStats, summarize, type PeerStatsSummary } from "./peer-stats";
import { audioCodecFamily, candidatePath, QualityReportBuilder, videoCodecFamily } from "./quality-report";

const summary = (over: Partial<PeerStatsSummary>): PeerStatsSummary => ({
  rttMs: null,
  packetLossPercent: null,
  inboundKbps: null,
  outboundKbps: null,
  audioLevel: null,
  video: [],
  jitterMs: null,
  audioCodec: null,
  candidates: null,
  ...over,
});

describe("reading a Chromium stats report", () => {
  it("finds codec, resolution, fps, jitter and the selected pair's candidate types", () => {
    const s = readPeerStats(chromiumMeshReport(0));
    expect(s.video).toEqual([expect.objectContaining({ codec: "video/VP8", frameWidth: 640, frameHeight: 480, framesPerSecond: 30 })]);
    expect(s.audioCodec).toBe("audio/opus");
    expect(s.jitterMs).toBe(5); // the video stream's 0.005 s beats audio's 0.002 s
    expect(s.rttMs).toBe(1); // the selected pair's, not the other succeeded pair's 0.250 s
    expect(s.candidates).toEqual({ local: "host", remote: "srflx" });
    const next = summarize(readPeerStats(chromiumMeshReport(1)), s);
    expect(next.inboundKbps).toBeGreaterThan(0);
    expect(next.outboundKbps).toBeGreaterThan(0);
  });
});

describe("quality report", () => {
  it("names the path and codec families from what getStats says", () => {
    expect(candidatePath(null)).toBe("unknown");
    expect(candidatePath({ local: "host", remote: "prflx" })).toBe("direct");
    expect(candidatePath({ local: "srflx", remote: "relay" })).toBe("relay");
    expect(videoCodecFamily("video/H264")).toBe("h264");
    expect(videoCodecFamily("video/rtx")).toBe("other");
    expect(videoCodecFamily(null)).toBe("none");
    expect(audioCodecFamily("audio/opus")).toBe("opus");
    expect(audioCodecFamily("audio/PCMU")).toBe("other");
  });

  it("aggregates rounds (median RTT, mean bitrate summed over peers, worst path) and starts over after take()", () => {
    const builder = new QualityReportBuilder();
    expect(builder.hasData).toBe(false);
    builder.addRound([
      summary({ rttMs: 10, inboundKbps: 100, outboundKbps: 50, packetLossPercent: 0, candidates: { local: "host", remote: "host" } }),
      summary({ rttMs: 50, inboundKbps: 300, outboundKbps: 50, packetLossPercent: 2, candidates: { local: "relay", remote: "host" } }),
    ]);
    builder.addRound([summary({ rttMs: 20, inboundKbps: 200, packetLossPercent: 4, jitterMs: 7, video: [{ trackId: null, mid: "1", framesDecoded: 1, framesPerSecond: 1, frameWidth: 1, frameHeight: 1, bytesReceived: 1, codec: "video/AV1" }] })]);
    builder.firstFrame(850);
    builder.iceFailed();
    const report = builder.take();
    expect(report).toEqual({
      rttMs: 20,
      jitterMs: 7,
      packetLossPercent: 2,
      inboundKbps: 300, // (400 + 200) / 2
      outboundKbps: 100,
      timeToFirstFrameMs: 850,
      iceFailures: 1,
      path: "relay",
      videoCodec: "av1",
      audioCodec: "none",
    });
    expect(builder.hasData).toBe(false);
    builder.firstFrame(999); // only the first frame of the call counts
    builder.addRound([summary({})]);
    expect(builder.take()).toMatchObject({ rttMs: null, timeToFirstFrameMs: null, iceFailures: 0, path: "unknown" });
  });

  it("clamps odd measurements to the protocol's bounds so the server never refuses them", () => {
    const builder = new QualityReportBuilder();
    builder.addRound([summary({ rttMs: 10_000_000, inboundKbps: 5_000_000, packetLossPercent: 100 })]);
    for (let i = 0; i < 150; i++) builder.iceFailed();
    const report = builder.take();
    expect(qualityReportPayloadSchema.safeParse(report).success).toBe(true);
    expect(report).toMatchObject({ rttMs: 60_000, inboundKbps: 1_000_000, iceFailures: 100 });
  });
});
