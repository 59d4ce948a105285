import { QUALITY_REPORT, type QualityReportPayload } from "@parley/protocol";
import type { PeerStatsSummary } from "../stats/peer-stats";
import { classifyQuality } from "../stats/quality";
import { QualityReportBuilder } from "../stats/quality-report";
import type { MediaTransport } from "../topology/media-transport";
import type { Participants, ParticipantsContext } from "./participants";
import { StatsMonitor } from "./stats-monitor";

/** What `StatsSampler` needs from its Call. */
export interface StatsSamplerContext {
  /** 0 or less disables sampling. */
  readonly intervalMs: number;
  readonly transport: () => MediaTransport | null;
  /** Sample only while in the call. */
  readonly connected: () => boolean;
  /** Our own id and mute state, so that we can be the active speaker too. */
  readonly self: () => { id: string; muted: boolean } | null;
  readonly participants: Pick<Participants, "get" | "setQuality" | "views">;
  readonly emit: ParticipantsContext["emit"];
  readonly changed: () => void;
  /** Send a quality summary to the server (every `QUALITY_REPORT.intervalMs` while something is measured). */
  readonly report?: (summary: QualityReportPayload) => void;
  /** Milliseconds between quality reports (default `QUALITY_REPORT.intervalMs`). */
  readonly reportIntervalMs?: number;
}

/** Reads the transport's stats periodically and turns them into per-participant quality and the active speaker. */
export class StatsSampler {
  readonly #ctx: StatsSamplerContext;
  readonly #monitor = new StatsMonitor();
  #timer: ReturnType<typeof setInterval> | null = null;
  #activeSpeakerId: string | null = null;
  #reportBuilder = new QualityReportBuilder();
  /** When sampling started (we joined) and when the last quality report went out. */
  #startedAt = 0;
  #lastReportAt = 0;
  readonly #connectionStates = new Map<string, string>();

  constructor(context: StatsSamplerContext) {
    this.#ctx = context;
  }

  get activeSpeakerId(): string | null {
    return this.#activeSpeakerId;
  }

  start(): void {
    if (this.#ctx.intervalMs <= 0 || this.#timer) return;
    this.#startedAt = this.#lastReportAt = Date.now();
    this.#timer = setInterval(() => void this.sample(), this.#ctx.intervalMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Forget previous counters (the peers they belonged to are gone). */
  reset(): void {
    this.#monitor.reset();
    // A fresh identity is a fresh join: its first frame is measured again.
    this.#reportBuilder = new QualityReportBuilder();
    this.#connectionStates.clear();
    this.#startedAt = this.#lastReportAt = Date.now();
  }

  /** A participant left: it cannot be the active speaker any more. */
  forget(participantId: string): void {
    if (this.#activeSpeakerId === participantId) this.#setActiveSpeaker(null);
  }

  /** One sampling round. */
  async sample(): Promise<void> {
    const transport = this.#ctx.transport();
    if (!transport || !this.#ctx.connected()) return;
    const reports = await transport.getStats().catch(() => null);
    // The transport may have been replaced while we waited (re-join with a new identity).
    if (!reports || this.#ctx.transport() !== transport) return;
    const now = Date.now();
    const round = this.#monitor.round(reports, this.#ctx.self(), now);
    this.#track(round.summaries.values(), now);
    for (const [id, summary] of round.summaries) {
      const participant = this.#ctx.participants.get(id);
      if (!participant) continue;
      const quality = classifyQuality({
        packetLossPercent: summary.packetLossPercent,
        rttMs: summary.rttMs,
        inboundKbps: summary.inboundKbps,
        expectsVideo: !participant.videoMuted || participant.screenSharing,
        connectionState: participant.connectionState,
      });
      this.#ctx.emit("qualityChanged", id, quality, summary);
      this.#ctx.participants.setQuality(id, quality);
    }
    this.#setActiveSpeaker(round.activeSpeakerId);
  }

  /** Feed the quality report: the round's numbers, the first decoded remote frame, connections that failed. */
  #track(summaries: Iterable<PeerStatsSummary>, now: number): void {
    const builder = this.#reportBuilder;
    const list = [...summaries];
    builder.addRound(list);
    const participants = this.#ctx.participants.views();
    if (!builder.firstFrameSeen && list.some((s) => s.video.some((v) => v.framesDecoded > 0))) {
      // From our join, or (if we waited alone) from when the first other participant joined: the wait for them is
      // not the call's doing. Accurate to the sampling interval.
      const firstOther = Math.min(...participants.map((p) => Date.parse(p.joinedAt)).filter(Number.isFinite));
      const start = Math.max(this.#startedAt, Math.min(now, firstOther));
      builder.firstFrame(now - start);
    }
    for (const p of participants) {
      if (p.connectionState === "failed" && this.#connectionStates.get(p.id) !== "failed") builder.iceFailed();
      this.#connectionStates.set(p.id, p.connectionState);
    }
    const interval = this.#ctx.reportIntervalMs ?? QUALITY_REPORT.intervalMs;
    if (!this.#ctx.report || now - this.#lastReportAt < interval || !builder.hasData) return;
    this.#lastReportAt = now;
    this.#ctx.report(builder.take());
  }

  #setActiveSpeaker(id: string | null): void {
    if (id === this.#activeSpeakerId) return;
    this.#activeSpeakerId = id;
    this.#ctx.emit("activeSpeakerChanged", id);
    this.#ctx.changed();
  }
}
