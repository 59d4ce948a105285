import type { TrackSource } from "@parley/protocol";
import { readPeerStats, type InboundVideoStats } from "../stats/peer-stats";
import type { RemoteTrack } from "./call-types";

export interface RemoteVideoTrackStats extends InboundVideoStats {
  /** camera or screen; null when the stream cannot be matched to a known track (yet). */
  readonly source: TrackSource | null;
}

/** Inbound video of one remote participant. */
export interface RemoteVideoStats {
  /** Sum over all of the participant's inbound video streams. */
  readonly framesDecoded: number;
  readonly tracks: readonly RemoteVideoTrackStats[];
}

/** Match inbound-rtp video entries to remote tracks (by receiver track id, else by mid). */
export function getRemoteVideoStats(
  reports: ReadonlyMap<string, RTCStatsReport>,
  tracks: ReadonlyMap<string, readonly RemoteTrack[]>,
): Record<string, RemoteVideoStats> {
  const result: Record<string, RemoteVideoStats> = {};
  for (const [participantId, report] of reports) {
    const known = tracks.get(participantId) ?? [];
    const video = readPeerStats(report).video.map((v): RemoteVideoTrackStats => {
      const match =
        known.find((t) => v.trackId !== null && t.track.id === v.trackId) ??
        known.find((t) => v.mid !== null && t.id === `${participantId}:${v.mid}`);
      return { ...v, source: match?.source ?? null };
    });
    result[participantId] = { framesDecoded: video.reduce((sum, v) => sum + v.framesDecoded, 0), tracks: video };
  }
  return result;
}
