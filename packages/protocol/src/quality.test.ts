import { describe, expect, it } from "vitest";
import { parseClientEventPayload } from "./parse-client-event";
import { QUALITY_REPORT, qualityReportPayloadSchema } from "./quality";

const report = {
  rttMs: null,
  jitterMs: null,
  packetLossPercent: null,
  inboundKbps: null,
  outboundKbps: null,
  timeToFirstFrameMs: null,
  iceFailures: 0,
  path: "unknown",
  videoCodec: "none",
  audioCodec: "none",
};

describe("quality:report", () => {
  it("accepts a report before anything was measured (all nulls) and at the bounds", () => {
    expect(qualityReportPayloadSchema.safeParse(report).success).toBe(true);
    const max = { ...report, rttMs: 60_000, jitterMs: 60_000, packetLossPercent: 100, inboundKbps: 1_000_000, outboundKbps: 1_000_000, timeToFirstFrameMs: 600_000, iceFailures: 100 };
    expect(qualityReportPayloadSchema.safeParse(max).success).toBe(true);
  });

  it("answers out-of-range numbers as too large and unknown fields or enum values as invalid", () => {
    expect(parseClientEventPayload("quality:report", { ...report, rttMs: 60_001 })).toMatchObject({ success: false, error: { code: "payload_too_large" } });
    expect(parseClientEventPayload("quality:report", { ...report, path: "tor" })).toMatchObject({ success: false, error: { code: "invalid_payload" } });
    expect(parseClientEventPayload("quality:report", { ...report, extra: 1 })).toMatchObject({ success: false, error: { code: "invalid_payload" } });
    expect(parseClientEventPayload("quality:report", { ...report, iceFailures: "0" })).toMatchObject({ success: false, error: { code: "invalid_payload" } });
  });

  it("reports more often than the server accepts are a client bug", () => {
    expect(QUALITY_REPORT.intervalMs).toBeGreaterThan(QUALITY_REPORT.minIntervalMs * 2);
  });
});
