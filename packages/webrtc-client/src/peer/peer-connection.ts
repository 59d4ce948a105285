/**
 * The one seam between the call engine and the browser's RTCPeerConnection.
 * Everything above this interface (negotiation, ICE restart, track bookkeeping) is plain logic,
 * unit-tested in Node against `FakePeerConnection`; `createBrowserPeerConnection` is the only
 * code that constructs a real RTCPeerConnection.
 */

import type { MediaKind } from "@parley/protocol";

export interface PeerSender {
  readonly track: MediaStreamTrack | null;
  /** Swap the outgoing track without renegotiation (null sends nothing, e.g. camera off). */
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

export interface PeerTransceiver {
  /** Media id; null until the transceiver has been part of a negotiated description. */
  readonly mid: string | null;
  readonly kind: MediaKind;
  direction: RTCRtpTransceiverDirection;
  readonly sender: PeerSender;
  readonly receiverTrack: MediaStreamTrack;
}

export interface RemoteTrackEvent {
  readonly track: MediaStreamTrack;
  readonly transceiver: PeerTransceiver;
}

export interface PeerConnectionEvents {
  negotiationneeded: () => void;
  /** A local ICE candidate to trickle to the remote side; null marks the end of gathering. */
  icecandidate: (candidate: RTCIceCandidateInit | null) => void;
  connectionstatechange: (state: RTCPeerConnectionState) => void;
  track: (event: RemoteTrackEvent) => void;
}

export interface PeerConnectionHandle {
  readonly signalingState: RTCSignalingState;
  readonly connectionState: RTCPeerConnectionState;
  readonly localDescription: RTCSessionDescriptionInit | null;
  readonly remoteDescription: RTCSessionDescriptionInit | null;
  /** With no argument: create and apply an offer or answer as the signaling state requires. */
  setLocalDescription(description?: RTCSessionDescriptionInit): Promise<void>;
  /** Applying an offer while having a local offer rolls the local one back (implicit rollback). */
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void>;
  restartIce(): void;
  /** New ICE servers (fresh TURN credentials) for gathering from now on, e.g. the next ICE restart. */
  setIceServers(servers: readonly RTCIceServer[]): void;
  addTransceiver(
    kind: MediaKind,
    init: {
      direction: RTCRtpTransceiverDirection;
      track?: MediaStreamTrack | null;
      /** Simulcast layers (rid, scale, bitrate) for a video sender. */
      sendEncodings?: readonly RTCRtpEncodingParameters[];
    },
  ): PeerTransceiver;
  getTransceivers(): readonly PeerTransceiver[];
  getStats(): Promise<RTCStatsReport>;
  on<E extends keyof PeerConnectionEvents>(event: E, listener: PeerConnectionEvents[E]): () => void;
  close(): void;
}

export interface PeerConnectionConfig {
  readonly iceServers: readonly RTCIceServer[];
  /** "relay" sends all media through TURN (hides the client's address; also how TURN is tested). */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** Video senders' start bitrate (Chrome; default 1500 kbit/s, see start-bitrate.ts). */
  readonly startBitrateKbps?: number;
}

/** Creates the platform peer connection; swapped for a fake in unit tests. */
export type PeerConnectionFactory = (config: PeerConnectionConfig) => PeerConnectionHandle;
