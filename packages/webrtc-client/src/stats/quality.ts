export type ConnectionQuality = "good" | "fair" | "poor" | "unknown";

export interface QualityInputs {
  /** Packet loss over the last interval, 0–100; null when nothing was received. */
  readonly packetLossPercent: number | null;
  /** Round-trip time in ms; null when not measured yet. */
  readonly rttMs: number | null;
  /** Inbound bitrate in kbit/s over the last interval; null when unknown. */
  readonly inboundKbps?: number | null;
  /** The remote side says it sends video (camera on or screen share): a near-zero bitrate then means trouble. */
  readonly expectsVideo?: boolean;
  readonly connectionState?: RTCPeerConnectionState;
}

/** Thresholds in the range WebRTC stacks commonly use (Jitsi, LiveKit): speech degrades past ~3 % loss / ~300 ms RTT. */
export const QUALITY_THRESHOLDS = {
  fairLossPercent: 3,
  poorLossPercent: 10,
  fairRttMs: 300,
  poorRttMs: 600,
  /** Below this inbound rate with video expected, video is frozen or barely moving. */
  starvedVideoKbps: 30,
} as const;

/** Map transport measurements to a three-step quality (pure; used for each remote participant every second). */
export function classifyQuality(inputs: QualityInputs): ConnectionQuality {
  const { connectionState } = inputs;
  if (connectionState === "failed" || connectionState === "disconnected") return "poor";
  if (connectionState === "new" || connectionState === "connecting" || connectionState === "closed") return "unknown";
  const { packetLossPercent: loss, rttMs: rtt } = inputs;
  if (loss === null && rtt === null) return "unknown";
  const t = QUALITY_THRESHOLDS;
  if ((loss ?? 0) >= t.poorLossPercent || (rtt ?? 0) >= t.poorRttMs) return "poor";
  const starved = inputs.expectsVideo === true && inputs.inboundKbps != null && inputs.inboundKbps < t.starvedVideoKbps;
  if ((loss ?? 0) >= t.fairLossPercent || (rtt ?? 0) >= t.fairRttMs || starved) return "fair";
  return "good";
}
