import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { summarizeQuality } from "@parley/db/quality";
import { QUALITY_REPORT, type QualityReportPayload } from "@parley/protocol";
import { rawRequest, request, sleep, startHarness, type Harness } from "./testing/harness";

const METRICS_TOKEN = "metrics-token-0123456789";
let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), { metricsToken: METRICS_TOKEN });
});
afterAll(() => h.close());

const scrape = async () => (await fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

/** The call-quality series (name and labels, no values) of a /metrics text. */
function qualitySeries(text: string): Set<string> {
  return new Set(text.split("\n").filter((l) => l.startsWith("signaling_call_")).map((l) => l.slice(0, l.lastIndexOf(" "))));
}

/** The value of one sample line of the Prometheus text format (0 when absent). */
function sample(text: string, line: string): number {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

const report: QualityReportPayload = {
  rttMs: 42,
  jitterMs: 3,
  packetLossPercent: 1.5,
  inboundKbps: 1200,
  outboundKbps: 800,
  timeToFirstFrameMs: 850,
  iceFailures: 1,
  path: "relay",
  videoCodec: "vp8",
  audioCodec: "opus",
};

/** Junk a client might send: it must be refused and leave no trace in the metrics. */
const junk: unknown[] = [
  { ...report, rttMs: 1e300 },
  { ...report, inboundKbps: Number.MAX_SAFE_INTEGER },
  { ...report, iceFailures: 1e9 },
  { ...report, packetLossPercent: -5 },
  { ...report, path: "satellite" },
  { ...report, videoCodec: "evil-codec" },
  { ...report, audioCodec: "audio/opus" },
  { ...report, path: "relay\",node=\"x" },
  { ...report, rttMs: "42" },
  { ...report, node: "node-42" },
  { ...report, labels: { meeting: "m" } },
  "rttMs=42",
  null,
  [],
];

describe("quality:report", () => {
  it("counts valid reports in the node's histograms, refuses junk and floods with typed errors, keeps the summary on the attendance record", async () => {
    const meeting = await h.createMeeting();
    const { client, joined } = await h.joined(meeting.id, meeting.host);
    const before = await scrape();
    expect(sample(before, "signaling_call_rtt_seconds_count")).toBe(0);
    const fixedSeries = qualitySeries(before);

    expect(await request(client, "quality:report", report)).toEqual({ ok: true, data: {} });
    const after = await scrape();
    expect(sample(after, "signaling_call_rtt_seconds_count")).toBe(1);
    expect(sample(after, "signaling_call_rtt_seconds_sum")).toBeCloseTo(0.042);
    expect(sample(after, 'signaling_call_rtt_seconds_bucket{le="0.05"}')).toBe(1);
    expect(sample(after, 'signaling_call_quality_reports_total{path="relay"}')).toBe(1);
    expect(sample(after, 'signaling_call_quality_reports_total{path="direct"}')).toBe(0);
    expect(sample(after, 'signaling_call_bitrate_bits_per_second_sum{direction="inbound"}')).toBe(1_200_000);
    expect(sample(after, "signaling_call_packet_loss_ratio_sum")).toBeCloseTo(0.015);
    expect(sample(after, "signaling_call_time_to_first_frame_seconds_count")).toBe(1);
    expect(sample(after, "signaling_call_ice_failures_total")).toBe(1);
    expect(sample(after, 'signaling_call_video_codec_reports_total{codec="vp8"}')).toBe(1);

    // Too soon after the last one: refused, not counted.
    expect(await request(client, "quality:report", report)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    for (const payload of junk) {
      const ack = await rawRequest(client, "quality:report", payload);
      expect(ack, JSON.stringify(payload)).toMatchObject({ ok: false });
      expect(["invalid_payload", "payload_too_large"], JSON.stringify(payload)).toContain((ack as { ok: false; error: { code: string } }).error.code);
    }
    const refused = await scrape();
    expect(qualitySeries(refused)).toEqual(fixedSeries); // no new label values, whatever was sent
    expect(sample(refused, "signaling_call_rtt_seconds_count")).toBe(1);
    expect(sample(refused, "signaling_call_ice_failures_total")).toBe(1);
    expect(refused).not.toMatch(/satellite|evil-codec|node-42|node="x"/);

    // The meeting record keeps the summary on the host's attendance (written with the first report).
    const quality = async () => {
      const rows = await h.db.participants.listForMeeting(meeting.id);
      return summarizeQuality(rows.find((r) => r.displayName === joined.self.name)?.quality);
    };
    for (let i = 0; i < 50 && !(await quality()); i++) await sleep(50);
    expect(await quality()).toMatchObject({ reports: 1, rttMsAvg: 42, relayShare: 1, timeToFirstFrameMs: 850, iceFailures: 1, videoCodec: "vp8" });

    // A report at the client's pace is accepted again; leaving writes what is pending.
    await sleep(QUALITY_REPORT.minIntervalMs + 100);
    expect(await request(client, "quality:report", { ...report, rttMs: 58, path: "direct", timeToFirstFrameMs: null, iceFailures: 0 })).toEqual({ ok: true, data: {} });
    expect(sample(await scrape(), "signaling_call_rtt_seconds_count")).toBe(2);
    client.disconnect();
    for (let i = 0; i < 50 && (await quality())?.reports !== 2; i++) await sleep(50);
    expect(await quality()).toMatchObject({ reports: 2, rttMsAvg: 50, relayShare: 0.5, timeToFirstFrameMs: 850, iceFailures: 1 });
  });

  it("refuses reports from a socket that is not in a call", async () => {
    const client = await h.connect();
    expect(await request(client, "quality:report", report)).toMatchObject({ ok: false, error: { code: "not_in_room" } });
    expect(sample(await scrape(), 'signaling_call_quality_reports_total{path="relay"}')).toBeLessThanOrEqual(1);
  });
});
