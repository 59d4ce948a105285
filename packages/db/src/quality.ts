import { z } from "zod";

// A participant's call quality as the meeting record keeps it: sums and extremes, so that any number of reports
// (from several signaling nodes and reconnects) merge by addition, and averages are derived when shown.
// Pure (zod only): signaling imports it through "@parley/db/quality" without loading the Prisma client.

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const amount = z.number().min(0).max(1e15);

export const qualityTotalsSchema = z
  .object({
    /** Reports merged in. */
    reports: count,
    rttMsSum: amount,
    rttSamples: count,
    rttMsMax: amount,
    lossPercentSum: amount,
    lossSamples: count,
    lossPercentMax: z.number().min(0).max(100),
    inboundKbpsSum: amount,
    inboundSamples: count,
    outboundKbpsSum: amount,
    outboundSamples: count,
    jitterMsMax: amount,
    relayReports: count,
    directReports: count,
    /** The first one measured (null until a remote frame was decoded). */
    timeToFirstFrameMs: amount.nullable(),
    iceFailures: count,
    videoCodec: z.enum(["vp8", "vp9", "h264", "av1", "other", "none"]),
  })
  .strict();
export type QualityTotals = z.infer<typeof qualityTotalsSchema>;

export const EMPTY_QUALITY_TOTALS: QualityTotals = {
  reports: 0,
  rttMsSum: 0,
  rttSamples: 0,
  rttMsMax: 0,
  lossPercentSum: 0,
  lossSamples: 0,
  lossPercentMax: 0,
  inboundKbpsSum: 0,
  inboundSamples: 0,
  outboundKbpsSum: 0,
  outboundSamples: 0,
  jitterMsMax: 0,
  relayReports: 0,
  directReports: 0,
  timeToFirstFrameMs: null,
  iceFailures: 0,
  videoCodec: "none",
};

/** `a` then `b`: counts and sums add, extremes take the larger, the first time to first frame stays, the latest codec wins. */
export function mergeQualityTotals(a: QualityTotals, b: QualityTotals): QualityTotals {
  return {
    reports: a.reports + b.reports,
    rttMsSum: a.rttMsSum + b.rttMsSum,
    rttSamples: a.rttSamples + b.rttSamples,
    rttMsMax: Math.max(a.rttMsMax, b.rttMsMax),
    lossPercentSum: a.lossPercentSum + b.lossPercentSum,
    lossSamples: a.lossSamples + b.lossSamples,
    lossPercentMax: Math.max(a.lossPercentMax, b.lossPercentMax),
    inboundKbpsSum: a.inboundKbpsSum + b.inboundKbpsSum,
    inboundSamples: a.inboundSamples + b.inboundSamples,
    outboundKbpsSum: a.outboundKbpsSum + b.outboundKbpsSum,
    outboundSamples: a.outboundSamples + b.outboundSamples,
    jitterMsMax: Math.max(a.jitterMsMax, b.jitterMsMax),
    relayReports: a.relayReports + b.relayReports,
    directReports: a.directReports + b.directReports,
    timeToFirstFrameMs: a.timeToFirstFrameMs ?? b.timeToFirstFrameMs,
    iceFailures: a.iceFailures + b.iceFailures,
    videoCodec: b.videoCodec === "none" ? a.videoCodec : b.videoCodec,
  };
}

/** What the meeting record shows for one presence (averages; null where nothing was measured). */
export interface QualitySummary {
  readonly reports: number;
  readonly rttMsAvg: number | null;
  readonly lossPercentAvg: number | null;
  readonly inboundKbpsAvg: number | null;
  readonly outboundKbpsAvg: number | null;
  readonly jitterMsMax: number | null;
  /** Share (0–1) of reports whose media went through a TURN relay; null without a known path. */
  readonly relayShare: number | null;
  readonly timeToFirstFrameMs: number | null;
  readonly iceFailures: number;
  readonly videoCodec: QualityTotals["videoCodec"];
}

/** Averages from stored totals; null for anything that is not valid totals (an older or hand-edited row). */
export function summarizeQuality(stored: unknown): QualitySummary | null {
  const parsed = qualityTotalsSchema.safeParse(stored);
  if (!parsed.success || parsed.data.reports === 0) return null;
  const t = parsed.data;
  const avg = (sum: number, n: number) => (n > 0 ? sum / n : null);
  const paths = t.relayReports + t.directReports;
  return {
    reports: t.reports,
    rttMsAvg: avg(t.rttMsSum, t.rttSamples),
    lossPercentAvg: avg(t.lossPercentSum, t.lossSamples),
    inboundKbpsAvg: avg(t.inboundKbpsSum, t.inboundSamples),
    outboundKbpsAvg: avg(t.outboundKbpsSum, t.outboundSamples),
    jitterMsMax: t.jitterMsMax > 0 ? t.jitterMsMax : null,
    relayShare: paths > 0 ? t.relayReports / paths : null,
    timeToFirstFrameMs: t.timeToFirstFrameMs,
    iceFailures: t.iceFailures,
    videoCodec: t.videoCodec,
  };
}
