import type { VideoLayer } from "@parley/protocol";
import { candidatePath, type PeerStatsSummary } from "@parley/webrtc-client";

export const text = {
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
  layer: { high: "High", low: "Low", off: "Off (not on screen)" } satisfies Record<VideoLayer, string>,
};

/** One labelled line of the stats panel; `key` is stable for tests and React. */
export type StatsRow = { key: string; label: string; value: string };

const codecName = (mimeType: string | null | undefined) => (mimeType ? mimeType.replace(/^(audio|video)\//i, "") : text.unknown);
const kbps = (value: number | null) => (value === null ? text.unknown : value >= 1000 ? `${(value / 1000).toFixed(2)} Mbit/s` : `${Math.round(value)} kbit/s`);
const ms = (value: number | null) => (value === null ? text.unknown : `${Math.round(value)} ms`);

/**
 * The "stats for nerds" lines for one remote participant from the latest sampling round. `layer` is the simulcast
 * layer we asked the SFU for (undefined in a mesh call, where the row is left out).
 */
export function statsRows(stats: PeerStatsSummary, layer?: VideoLayer): StatsRow[] {
  // The camera is the stream with the most pixels when a screen share comes on the same connection.
  const video = [...stats.video].sort((a, b) => (b.frameWidth ?? 0) * (b.frameHeight ?? 0) - (a.frameWidth ?? 0) * (a.frameHeight ?? 0))[0];
  const path = candidatePath(stats.candidates);
  const pair = stats.candidates ? ` (${stats.candidates.local ?? "?"} → ${stats.candidates.remote ?? "?"})` : "";
  const rows: StatsRow[] = [
    { key: "video-codec", label: text.videoCodec, value: codecName(video?.codec) },
    { key: "audio-codec", label: text.audioCodec, value: codecName(stats.audioCodec) },
    { key: "resolution", label: text.resolution, value: video?.frameWidth && video.frameHeight ? `${video.frameWidth}×${video.frameHeight}` : text.unknown },
    { key: "fps", label: text.frameRate, value: video?.framesPerSecond != null ? `${Math.round(video.framesPerSecond)} fps` : text.unknown },
    { key: "bitrate-in", label: text.bitrateIn, value: kbps(stats.inboundKbps) },
    { key: "bitrate-out", label: text.bitrateOut, value: kbps(stats.outboundKbps) },
    { key: "rtt", label: text.rtt, value: ms(stats.rttMs) },
    { key: "jitter", label: text.jitter, value: ms(stats.jitterMs) },
    { key: "loss", label: text.loss, value: stats.packetLossPercent === null ? text.unknown : `${stats.packetLossPercent.toFixed(1)} %` },
    { key: "connection", label: text.connection, value: path === "unknown" ? text.unknown : `${path === "relay" ? text.relay : text.direct}${pair}` },
  ];
  if (layer) rows.push({ key: "sfu-layer", label: text.sfuLayer, value: text.layer[layer] });
  return rows;
}
