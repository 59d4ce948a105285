import type { VideoLayer } from "@parley/protocol";
import { candidatePath, type PeerStatsSummary } from "@parley/webrtc-client";

/** The panel's labels (English here and in tests; the panel passes the reader's language). */
export type StatsLabels = {
  videoCodec: string; audioCodec: string; resolution: string; frameRate: string; bitrateIn: string; bitrateOut: string;
  rtt: string; jitter: string; loss: string; connection: string; sfuLayer: string; unknown: string; relay: string; direct: string;
  layer: Record<VideoLayer, string>;
};

export const text: StatsLabels = {
  videoCodec: "Video codec",
  audioCodec: "Audio codec",
  resolution: "Resolution",
  frameRate: "Frame rate",
  bitrateIn: "Bitrate in",
  bitrateOut: "Bitrate out",
  rtt: "Round trip",
  jitter: "Jitter",
  loss: "Packet loss",
  connection: "Connection",
  sfuLayer: "SFU layer",
  unknown: "—",
  relay: "Relayed (TURN)",
  direct: "Direct",
  layer: { high: "High", low: "Low", off: "Off (not on screen)" },
};

/** One labelled line of the stats panel; `key` is stable for tests and React. */
export type StatsRow = { key: string; label: string; value: string };

const codecName = (mimeType: string | null | undefined, unknown: string) => (mimeType ? mimeType.replace(/^(audio|video)\//i, "") : unknown);
const kbps = (value: number | null, unknown: string) => (value === null ? unknown : value >= 1000 ? `${(value / 1000).toFixed(2)} Mbit/s` : `${Math.round(value)} kbit/s`);
const ms = (value: number | null, unknown: string) => (value === null ? unknown : `${Math.round(value)} ms`);

/**
 * The "stats for nerds" lines for one remote participant from the latest sampling round. `layer` is the simulcast
 * layer we asked the SFU for (undefined in a mesh call, where the row is left out).
 */
export function statsRows(stats: PeerStatsSummary, layer?: VideoLayer, labels: StatsLabels = text): StatsRow[] {
  const l = labels;
  // The camera is the stream with the most pixels when a screen share comes on the same connection.
  const video = [...stats.video].sort((a, b) => (b.frameWidth ?? 0) * (b.frameHeight ?? 0) - (a.frameWidth ?? 0) * (a.frameHeight ?? 0))[0];
  const path = candidatePath(stats.candidates);
  const pair = stats.candidates ? ` (${stats.candidates.local ?? "?"} → ${stats.candidates.remote ?? "?"})` : "";
  const rows: StatsRow[] = [
    { key: "video-codec", label: l.videoCodec, value: codecName(video?.codec, l.unknown) },
    { key: "audio-codec", label: l.audioCodec, value: codecName(stats.audioCodec, l.unknown) },
    { key: "resolution", label: l.resolution, value: video?.frameWidth && video.frameHeight ? `${video.frameWidth}×${video.frameHeight}` : l.unknown },
    { key: "fps", label: l.frameRate, value: video?.framesPerSecond != null ? `${Math.round(video.framesPerSecond)} fps` : l.unknown },
    { key: "bitrate-in", label: l.bitrateIn, value: kbps(stats.inboundKbps, l.unknown) },
    { key: "bitrate-out", label: l.bitrateOut, value: kbps(stats.outboundKbps, l.unknown) },
    { key: "rtt", label: l.rtt, value: ms(stats.rttMs, l.unknown) },
    { key: "jitter", label: l.jitter, value: ms(stats.jitterMs, l.unknown) },
    { key: "loss", label: l.loss, value: stats.packetLossPercent === null ? l.unknown : `${stats.packetLossPercent.toFixed(1)} %` },
    { key: "connection", label: l.connection, value: path === "unknown" ? l.unknown : `${path === "relay" ? l.relay : l.direct}${pair}` },
  ];
  if (layer) rows.push({ key: "sfu-layer", label: l.sfuLayer, value: l.layer[layer] });
  return rows;
}
