import type { TrackSource } from "@parley/protocol";
import type { PeerConnectionHandle, PeerTransceiver } from "./peer-connection";

/**
 * Send `track` as `source` on `senders` (one sendonly transceiver per source). Microphone and camera never
 * renegotiate (replaceTrack); the screen adds or re-activates its own transceiver, which renegotiates, and `null`
 * deactivates it. Shared by the mesh's PeerSession and the SFU's publishing connection.
 */
export async function setSenderTrack(
  senders: Map<TrackSource, PeerTransceiver>,
  pc: Pick<PeerConnectionHandle, "addTransceiver">,
  source: TrackSource,
  track: MediaStreamTrack | null,
): Promise<void> {
  const existing = senders.get(source);
  if (source !== "screen") {
    await existing?.sender.replaceTrack(track);
    return;
  }
  if (track === null) {
    if (!existing) return;
    await existing.sender.replaceTrack(null);
    if (existing.direction !== "inactive") existing.direction = "inactive";
    return;
  }
  if (!existing) {
    senders.set("screen", pc.addTransceiver("video", { direction: "sendonly", track }));
    return;
  }
  await existing.sender.replaceTrack(track);
  if (existing.direction !== "sendonly") existing.direction = "sendonly";
}
