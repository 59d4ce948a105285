import { z } from "zod";

// Call quality as the browser measures it (getStats), summarized every few seconds for operators' metrics and the
// meeting record. Every field is a bounded number or a closed enum: nothing a client sends can become a new metric
// label value or an unbounded string in the database.

/** How often a client sends `quality:report`; the server refuses reports closer together than `minIntervalMs`. */
export const QUALITY_REPORT = {
  intervalMs: 5_000,
  minIntervalMs: 2_000,
} as const;

/**
 * The route media took on the selected ICE candidate pair: `direct` (host, server-reflexive or peer-reflexive on both
 * ends) or `relay` (through TURN on either end); `unknown` before a pair is selected.
 */
export const candidatePathSchema = z.enum(["direct", "relay", "unknown"]);
export type CandidatePath = z.infer<typeof candidatePathSchema>;

/** Codec families the browser may negotiate; `other` for anything else, `none` when nothing of that kind is received. */
export const videoCodecFamilySchema = z.enum(["vp8", "vp9", "h264", "av1", "other", "none"]);
export type VideoCodecFamily = z.infer<typeof videoCodecFamilySchema>;
export const audioCodecFamilySchema = z.enum(["opus", "other", "none"]);
export type AudioCodecFamily = z.infer<typeof audioCodecFamilySchema>;

/** A measurement that may not exist yet (nothing received, no pair selected): null, else a bounded number. */
const bounded = (max: number) => z.number().min(0).max(max).nullable();

/** `quality:report`: what this client measured over the last interval, across everyone it receives. */
export const qualityReportPayloadSchema = z
  .object({
    /** Median round-trip time of the selected candidate pairs, ms (a minute is far beyond any working call). */
    rttMs: bounded(60_000),
    /** Highest inbound jitter, ms. */
    jitterMs: bounded(60_000),
    /** Inbound packet loss over the interval, percent. */
    packetLossPercent: bounded(100),
    /** Total inbound and outbound bitrate, kbit/s (1 Gbit/s cap). */
    inboundKbps: bounded(1_000_000),
    outboundKbps: bounded(1_000_000),
    /** Join to the first decoded remote video frame, ms; sent once, in the first report after it happened. */
    timeToFirstFrameMs: bounded(600_000),
    /** Connections that reached ICE state `failed` since the last report. */
    iceFailures: z.number().int().min(0).max(100),
    path: candidatePathSchema,
    videoCodec: videoCodecFamilySchema,
    audioCodec: audioCodecFamilySchema,
  })
  .strict();
export type QualityReportPayload = z.infer<typeof qualityReportPayloadSchema>;
