import { ActiveSpeakerDetector } from "../stats/active-speaker";
import { type PeerStatsSnapshot, type PeerStatsSummary, readPeerStats, summarize } from "../stats/peer-stats";

export interface StatsRound {
  readonly summaries: ReadonlyMap<string, PeerStatsSummary>;
  readonly activeSpeakerId: string | null;
}

/** Turns periodic raw stats into per-participant summaries and the active speaker. */
export class StatsMonitor {
  readonly #previous = new Map<string, PeerStatsSnapshot>();
  readonly #detector = new ActiveSpeakerDetector();

  /** One round: `reports` per remote participant; `self` is included in speaker detection unless muted. */
  round(reports: ReadonlyMap<string, RTCStatsReport>, self: { id: string; muted: boolean } | null, now: number): StatsRound {
    const summaries = new Map<string, PeerStatsSummary>();
    const levels = new Map<string, number>();
    let localLevel = 0;
    for (const [id, report] of reports) {
      const snapshot = readPeerStats(report);
      summaries.set(id, summarize(snapshot, this.#previous.get(id) ?? null));
      this.#previous.set(id, snapshot);
      levels.set(id, snapshot.audioLevel ?? 0);
      localLevel = Math.max(localLevel, snapshot.localAudioLevel ?? 0);
    }
    for (const id of [...this.#previous.keys()]) if (!reports.has(id)) this.#previous.delete(id);
    if (self) levels.set(self.id, self.muted ? 0 : localLevel);
    return { summaries, activeSpeakerId: this.#detector.update(levels, now) };
  }

  reset(): void {
    this.#previous.clear();
  }
}
