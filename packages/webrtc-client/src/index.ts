/** @parley/webrtc-client: the browser call engine. No UI framework inside; see README.md. */
export { Call } from "./call/call";
export type {
  CallEvents,
  CallOptions,
  CallSnapshot,
  CallState,
  DisconnectReason,
  JoinOutcome,
  ParticipantLeftReason,
  RemoteParticipant,
  RemoteTrack,
  TransportContext,
} from "./call/call-types";
export type { RemoteVideoStats, RemoteVideoTrackStats } from "./call/video-stats";
export type { RemoteAudioStats } from "./call/audio-stats";

export { CallError, CALL_ERROR_CODES, isCallError, type CallErrorCode } from "./errors";
export { TypedEmitter, type EventMap } from "./emitter";

export {
  LocalMedia,
  type DeviceList,
  type LocalMediaEvents,
  type LocalMediaOptions,
  type LocalMediaState,
  type MediaDevicesLike,
  type StartOptions,
  type StartResult,
} from "./media/local-media";
export { mediaError } from "./media/media-errors";
export type { TrackProcessor } from "./media/track-processor";
export {
  canRequestAudioOutput,
  requestAudioOutput,
  setAudioOutput,
  supportsAudioOutputSelection,
  type AudioOutputPromptLike,
  type RequestAudioOutputOptions,
} from "./media/audio-output";
export { VOICE_PROCESSING, DEFAULT_VIDEO } from "./media/constraints";
export { isVideoQuality, VIDEO_QUALITIES, videoQualityConstraints, type VideoQuality } from "./media/video-quality";

export type { SignalChannel } from "./signal/signal-channel";
export { createSocketSignalChannel, SocketSignalChannel, type SocketSignalChannelOptions } from "./signal/socket-signal-channel";

export type {
  PeerConnectionConfig,
  PeerConnectionEvents,
  PeerConnectionFactory,
  PeerConnectionHandle,
  PeerTransceiver,
} from "./peer/peer-connection";
export { createBrowserPeerConnection } from "./peer/browser-peer-connection";

export type { MediaTransport, MediaTransportEvents, PeerConnectionState } from "./topology/media-transport";
export { MeshTopology, type MeshTopologyOptions } from "./topology/mesh-topology";
export { SfuTopology, SIMULCAST_ENCODINGS, type SfuTopologyOptions } from "./topology/sfu-topology";

export { classifyQuality, QUALITY_THRESHOLDS, type ConnectionQuality, type QualityInputs } from "./stats/quality";
export type { CandidatePairTypes, PeerStatsSummary, InboundVideoStats } from "./stats/peer-stats";
export { audioCodecFamily, candidatePath, videoCodecFamily } from "./stats/quality-report";
export { ActiveSpeakerDetector, type ActiveSpeakerOptions } from "./stats/active-speaker";
