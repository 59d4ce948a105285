import type { AudioCodecFamily, CandidatePath, QualityReportPayload, VideoCodecFamily } from "@parley/protocol";
import type { CandidatePairTypes, PeerStatsSummary } from "./peer-stats";

/** `relay` when either end of the selected pair is a TURN relay; `unknown` before a pair is selected. */
export function candidatePath(candidates: CandidatePairTypes | null): CandidatePath {
  if (!candidates || (!candidates.local && !candidates.remote)) return "unknown";
  return candidates.local === "relay" || candidates.remote === "relay" ? "relay" : "direct";
}

/** `video/VP8` → `vp8`; anything the protocol does not name → `other`; nothing → `none`. */
export function videoCodecFamily(mimeType: string | null | undefined): VideoCodecFamily {
  if (!mimeType) return "none";
  const name = mimeType.toLowerCase().replace(/^video\//, "");
  return name === "vp8" || name === "vp9" || name === "h264" || name === "av1" ? name : "other";
}

export function audioCodecFamily(mimeType: string | null | undefined): AudioCodecFamily {
  if (!mimeType) return "none";
  return mimeType.toLowerCase().replace(/^audio\//, "") === "opus" ? "opus" : "other";
}

const clamp = (value: number | null, max: number): number | null => (value === null ? null : Math.min(max, Math.max(0, value)));
const mean = (values: readonly number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const median = (values: readonly number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Collects sampling rounds (one summary per remote participant each) and turns them into one `quality:report`:
 * median RTT, highest jitter, mean loss, mean total bitrates, the worst path (relay if any connection is relayed).
 * Values are clamped to the protocol's bounds, so a report is never refused for an odd measurement.
 */
export class QualityReportBuilder {
  #rtt: number[] = [];
  #loss: number[] = [];
  #inbound: number[] = [];
  #outbound: number[] = [];
  #jitterMs: number | null = null;
  #paths = new Set<CandidatePath>();
  #videoCodec: VideoCodecFamily = "none";
  #audioCodec: AudioCodecFamily = "none";
  #firstFrameMs: number | null = null;
  #firstFrameSent = false;
  #iceFailures = 0;

  /** One sampling round: a summary per remote participant. */
  addRound(summaries: Iterable<PeerStatsSummary>): void {
    let inbound: number | null = null;
    let outbound: number | null = null;
    for (const s of summaries) {
      if (s.rttMs !== null) this.#rtt.push(s.rttMs);
      if (s.packetLossPercent !== null) this.#loss.push(s.packetLossPercent);
      if (s.inboundKbps !== null) inbound = (inbound ?? 0) + s.inboundKbps;
      if (s.outboundKbps !== null) outbound = (outbound ?? 0) + s.outboundKbps;
      if (s.jitterMs !== null) this.#jitterMs = Math.max(this.#jitterMs ?? 0, s.jitterMs);
      this.#paths.add(candidatePath(s.candidates));
      const video = s.video.find((v) => v.codec);
      if (video) this.#videoCodec = videoCodecFamily(video.codec);
      if (s.audioCodec) this.#audioCodec = audioCodecFamily(s.audioCodec);
    }
    if (inbound !== null) this.#inbound.push(inbound);
    if (outbound !== null) this.#outbound.push(outbound);
  }

  /** The first remote video frame was decoded `ms` after joining (kept once per call). */
  firstFrame(ms: number): void {
    if (this.#firstFrameMs === null && !this.#firstFrameSent) this.#firstFrameMs = ms;
  }

  get firstFrameSeen(): boolean {
    return this.#firstFrameMs !== null || this.#firstFrameSent;
  }

  /** A connection reached ICE state `failed`. */
  iceFailed(): void {
    this.#iceFailures += 1;
  }

  /** Whether anything was measured since the last report. */
  get hasData(): boolean {
    return this.#paths.size > 0 || this.#iceFailures > 0;
  }

  /** The report for the interval since the last one; starts a new interval. */
  take(): QualityReportPayload {
    const path: CandidatePath = this.#paths.has("relay") ? "relay" : this.#paths.has("direct") ? "direct" : "unknown";
    const report: QualityReportPayload = {
      rttMs: clamp(median(this.#rtt), 60_000),
      jitterMs: clamp(this.#jitterMs, 60_000),
      packetLossPercent: clamp(mean(this.#loss), 100),
      inboundKbps: clamp(mean(this.#inbound), 1_000_000),
      outboundKbps: clamp(mean(this.#outbound), 1_000_000),
      timeToFirstFrameMs: clamp(this.#firstFrameMs, 600_000),
      iceFailures: Math.min(100, this.#iceFailures),
      path,
      videoCodec: this.#videoCodec,
      audioCodec: this.#audioCodec,
    };
    if (this.#firstFrameMs !== null) this.#firstFrameSent = true;
    this.#firstFrameMs = null;
    this.#rtt = [];
    this.#loss = [];
    this.#inbound = [];
    this.#outbound = [];
    this.#jitterMs = null;
    this.#paths = new Set();
    this.#iceFailures = 0;
    this.#videoCodec = "none";
    this.#audioCodec = "none";
    return report;
  }
}
