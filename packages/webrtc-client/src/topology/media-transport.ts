import type { IceServer, TrackSource, VideoLayer } from "@parley/protocol";
import type { CallError } from "../errors";
import type { Emitter } from "../emitter";
import type { RemoteTrackInfo } from "../peer/peer-session";

export type PeerConnectionState = RTCPeerConnectionState;

export type MediaTransportEvents = {
  trackAdded: (participantId: string, track: RemoteTrackInfo) => void;
  trackRemoved: (participantId: string, track: RemoteTrackInfo) => void;
  connectionStateChanged: (participantId: string, state: PeerConnectionState) => void;
  error: (error: CallError) => void;
};

/**
 * How media reaches the other participants. The Call only talks to this interface, so the mesh
 * (one peer connection per participant) can be replaced by an SFU transport without UI changes.
 */
export interface MediaTransport {
  readonly events: Emitter<MediaTransportEvents>;
  /** A participant is in the room (the transport decides whether that needs a connection). */
  addParticipant(participantId: string): void;
  removeParticipant(participantId: string): void;
  /** Send `track` as `source` to everyone (null: send nothing on that source). */
  setLocalTrack(source: TrackSource, track: MediaStreamTrack | null): Promise<void>;
  /** The signaling link came back: repair whatever may have been lost meanwhile. */
  recover(): void;
  /** Raw stats per remote participant. */
  getStats(): Promise<Map<string, RTCStatsReport>>;
  /**
   * Which camera quality each participant's tile needs (`off`: not on screen). Only transports that can choose
   * (the SFU) implement it; a mesh always receives what the sender sends.
   */
  setVideoPreferences?(preferences: ReadonlyMap<string, VideoLayer>): void;
  /** Fresh ICE servers (renewed TURN credentials) for new connections and ICE restarts from now on. */
  updateIceServers?(servers: readonly IceServer[]): void;
  /** Per-participant transport connection state. */
  connectionStates(): Map<string, PeerConnectionState>;
  close(): void;
}
