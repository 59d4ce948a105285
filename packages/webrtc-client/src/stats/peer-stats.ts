/** One inbound video stream as getStats reports it (camera or screen). */
export interface InboundVideoStats {
  /** Receiver track id (`trackIdentifier`), matching `RemoteTrack.track.id`. */
  readonly trackId: string | null;
  readonly mid: string | null;
  readonly framesDecoded: number;
  readonly framesPerSecond: number | null;
  readonly frameWidth: number | null;
  readonly frameHeight: number | null;
  readonly bytesReceived: number;
  /** Negotiated codec as getStats names it (`video/VP8`), null until known. */
  readonly codec: string | null;
}

/** The local and remote candidate types of the selected ICE candidate pair (`host`, `srflx`, `prflx`, `relay`). */
export interface CandidatePairTypes {
  readonly local: string | null;
  readonly remote: string | null;
}

/** Cumulative counters read from one peer connection's stats report. */
export interface PeerStatsSnapshot {
  readonly timestamp: number;
  readonly packetsReceived: number;
  readonly packetsLost: number;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly rttMs: number | null;
  /** Loudest inbound audio level (0–1), null without inbound audio. */
  readonly audioLevel: number | null;
  /** Level of our own microphone as sent on this connection (media-source), null if unknown. */
  readonly localAudioLevel: number | null;
  readonly video: readonly InboundVideoStats[];
  /** Highest inbound jitter over all streams, ms; null without inbound RTP. */
  readonly jitterMs: number | null;
  /** Inbound audio codec (`audio/opus`), null until known. */
  readonly audioCodec: string | null;
  /** null before a candidate pair is selected. */
  readonly candidates: CandidatePairTypes | null;
}

/** Derived per-interval numbers for one remote participant. */
export interface PeerStatsSummary {
  readonly rttMs: number | null;
  readonly packetLossPercent: number | null;
  readonly inboundKbps: number | null;
  readonly outboundKbps: number | null;
  readonly audioLevel: number | null;
  readonly video: readonly InboundVideoStats[];
  readonly jitterMs: number | null;
  readonly audioCodec: string | null;
  readonly candidates: CandidatePairTypes | null;
}

type StatsEntry = Record<string, unknown> & { type?: string; id?: string; timestamp?: number };

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Read the counters we need from an RTCStatsReport (a Map of stats objects). */
export function readPeerStats(report: RTCStatsReport): PeerStatsSnapshot {
  const entries: StatsEntry[] = [];
  (report as unknown as Map<string, StatsEntry>).forEach((entry) => entries.push(entry));
  let timestamp = 0;
  let packetsReceived = 0;
  let packetsLost = 0;
  let bytesReceived = 0;
  let bytesSent = 0;
  let audioLevel: number | null = null;
  let localAudioLevel: number | null = null;
  let jitter: number | null = null;
  let audioCodec: string | null = null;
  const video: InboundVideoStats[] = [];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const codecOf = (e: StatsEntry): string | null => str(byId.get(str(e.codecId) ?? undefined)?.mimeType);

  for (const e of entries) {
    timestamp = Math.max(timestamp, num(e.timestamp) ?? 0);
    if (e.type === "inbound-rtp") {
      packetsReceived += num(e.packetsReceived) ?? 0;
      packetsLost += Math.max(0, num(e.packetsLost) ?? 0);
      bytesReceived += num(e.bytesReceived) ?? 0;
      const streamJitter = num(e.jitter);
      if (streamJitter !== null) jitter = Math.max(jitter ?? 0, streamJitter);
      if (e.kind === "audio") {
        audioCodec ??= codecOf(e);
        const level = num(e.audioLevel);
        if (level !== null) audioLevel = Math.max(audioLevel ?? 0, level);
      } else if (e.kind === "video") {
        video.push({
          trackId: str(e.trackIdentifier),
          mid: str(e.mid),
          framesDecoded: num(e.framesDecoded) ?? 0,
          framesPerSecond: num(e.framesPerSecond),
          frameWidth: num(e.frameWidth),
          frameHeight: num(e.frameHeight),
          bytesReceived: num(e.bytesReceived) ?? 0,
          codec: codecOf(e),
        });
      }
    } else if (e.type === "media-source" && e.kind === "audio") {
      const level = num(e.audioLevel);
      if (level !== null) localAudioLevel = Math.max(localAudioLevel ?? 0, level);
    } else if (e.type === "outbound-rtp") {
      bytesSent += num(e.bytesSent) ?? 0;
    }
  }
  const pair = selectedPair(entries);
  const rtt = pair ? num(pair.currentRoundTripTime) : null;
  return {
    timestamp,
    packetsReceived,
    packetsLost,
    bytesReceived,
    bytesSent,
    rttMs: rtt === null ? null : Math.round(rtt * 1000),
    audioLevel,
    localAudioLevel,
    video,
    jitterMs: jitter === null ? null : Math.round(jitter * 10_000) / 10, // seconds → ms, one decimal
    audioCodec,
    candidates: pair
      ? { local: str(byId.get(str(pair.localCandidateId) ?? undefined)?.candidateType), remote: str(byId.get(str(pair.remoteCandidateId) ?? undefined)?.candidateType) }
      : null,
  };
}

/** The candidate pair in use (the transport's selected pair, else a nominated succeeded pair). */
function selectedPair(entries: StatsEntry[]): StatsEntry | undefined {
  const selectedId = entries.map((e) => (e.type === "transport" ? str(e.selectedCandidatePairId) : null)).find((id) => id);
  return (
    entries.find((e) => e.type === "candidate-pair" && e.id === selectedId) ??
    entries.find((e) => e.type === "candidate-pair" && e.state === "succeeded" && e.nominated === true)
  );
}

/** Per-interval numbers from two consecutive snapshots (the first interval uses totals). */
export function summarize(current: PeerStatsSnapshot, previous: PeerStatsSnapshot | null): PeerStatsSummary {
  const dtMs = previous ? current.timestamp - previous.timestamp : 0;
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = current.packetsLost - (previous?.packetsLost ?? 0);
  const total = received + Math.max(0, lost);
  const rate = (bytes: number, before: number | undefined): number | null =>
    previous && dtMs > 0 ? Math.max(0, ((bytes - (before ?? 0)) * 8) / dtMs) : null; // bytes/ms*8 = kbit/s
  return {
    rttMs: current.rttMs,
    packetLossPercent: total > 0 ? (Math.max(0, lost) / total) * 100 : null,
    inboundKbps: rate(current.bytesReceived, previous?.bytesReceived),
    outboundKbps: rate(current.bytesSent, previous?.bytesSent),
    audioLevel: current.audioLevel,
    video: current.video,
    jitterMs: current.jitterMs,
    audioCodec: current.audioCodec,
    candidates: current.candidates,
  };
}
