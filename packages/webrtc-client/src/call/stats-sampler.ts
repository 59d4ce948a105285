import { classifyQuality } from "../stats/quality";
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
  readonly participants: Pick<Participants, "get" | "setQuality">;
  readonly emit: ParticipantsContext["emit"];
  readonly changed: () => void;
}

/** Reads the transport's stats periodically and turns them into per-participant quality and the active speaker. */
export class StatsSampler {
  readonly #ctx: StatsSamplerContext;
  readonly #monitor = new StatsMonitor();
  #timer: ReturnType<typeof setInterval> | null = null;
  #activeSpeakerId: string | null = null;

  constructor(context: StatsSamplerContext) {
    this.#ctx = context;
  }

  get activeSpeakerId(): string | null {
    return this.#activeSpeakerId;
  }

  start(): void {
    if (this.#ctx.intervalMs <= 0 || this.#timer) return;
    this.#timer = setInterval(() => void this.sample(), this.#ctx.intervalMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Forget previous counters (the peers they belonged to are gone). */
  reset(): void {
    this.#monitor.reset();
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
    const round = this.#monitor.round(reports, this.#ctx.self(), Date.now());
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

  #setActiveSpeaker(id: string | null): void {
    if (id === this.#activeSpeakerId) return;
    this.#activeSpeakerId = id;
    this.#ctx.emit("activeSpeakerChanged", id);
    this.#ctx.changed();
  }
}
