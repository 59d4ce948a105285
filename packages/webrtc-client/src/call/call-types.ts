import type {
  ChatMessage,
  IceServer,
  LobbyEntry,
  MediaKind,
  Participant,
  ReactionReceived,
  RoomState,
  Topology,
} from "@parley/protocol";
import type { CallError } from "../errors";
import type { LocalMedia, LocalMediaState } from "../media/local-media";
import type { PeerConnectionFactory } from "../peer/peer-connection";
import type { TrackSource } from "@parley/protocol";
import type { SignalChannel } from "../signal/signal-channel";
import type { PeerStatsSummary } from "../stats/peer-stats";
import type { ConnectionQuality } from "../stats/quality";
import type { MediaTransport, PeerConnectionState } from "../topology/media-transport";

/**
 * idle → connecting → (waiting →) connected ⇄ reconnecting → disconnected.
 * `disconnected` is final (left, removed, ended, denied, or a failed join): make a new Call to try again.
 */
export type CallState = "idle" | "connecting" | "waiting" | "connected" | "reconnecting" | "disconnected";

/** Why a call reached `disconnected`. */
export type DisconnectReason =
  | "left"
  | "removed_by_host"
  | "blocked_by_host"
  | "joined_elsewhere"
  | "ended_by_host"
  | "ended_by_admin"
  | "denied_by_host"
  | "meeting_ended"
  | "join_failed"
  | "connection_lost";

export type ParticipantLeftReason = "left" | "disconnected" | "removed" | "reset";

/** A remote media track with the participant and source it belongs to. */
export interface RemoteTrack {
  /** Stable for the life of the track: `${participantId}:${mid}`. */
  readonly id: string;
  readonly participantId: string;
  readonly source: TrackSource;
  readonly track: MediaStreamTrack;
}

/** Everything the UI needs about one remote participant (immutable snapshot; replaced on change). */
export interface RemoteParticipant extends Participant {
  readonly tracks: Readonly<Partial<Record<TrackSource, MediaStreamTrack>>>;
  readonly quality: ConnectionQuality;
  readonly connectionState: PeerConnectionState;
}

/** Immutable view of the whole call, replaced whenever anything changes (fits React's useSyncExternalStore). */
export interface CallSnapshot {
  readonly state: CallState;
  readonly self: Participant | null;
  readonly participants: readonly RemoteParticipant[];
  readonly room: RoomState | null;
  /** Guests waiting for admission (hosts only). */
  readonly lobby: readonly LobbyEntry[];
  readonly messages: readonly ChatMessage[];
  readonly activeSpeakerId: string | null;
  readonly localMedia: LocalMediaState;
  readonly disconnectReason: DisconnectReason | null;
}

export type CallEvents = {
  /** Any change at all; read `call.snapshot`. */
  changed: (snapshot: CallSnapshot) => void;
  stateChanged: (state: CallState) => void;
  participantJoined: (participant: RemoteParticipant) => void;
  /** `reset`: not them but us: we re-joined with a new identity or the call closed. */
  participantLeft: (participant: RemoteParticipant, reason: ParticipantLeftReason) => void;
  participantUpdated: (participant: RemoteParticipant) => void;
  /** Your own participant changed (e.g. a host lowered your hand). */
  selfUpdated: (self: Participant) => void;
  trackAdded: (track: RemoteTrack) => void;
  trackRemoved: (track: RemoteTrack) => void;
  localMediaChanged: (state: LocalMediaState) => void;
  activeSpeakerChanged: (participantId: string | null) => void;
  qualityChanged: (participantId: string, quality: ConnectionQuality, stats: PeerStatsSummary) => void;
  chatMessage: (message: ChatMessage) => void;
  /** The chat history was (re)loaded from the server, e.g. on join. */
  chatHistory: (messages: readonly ChatMessage[]) => void;
  reaction: (reaction: ReactionReceived) => void;
  roomUpdated: (room: RoomState) => void;
  lobbyChanged: (waiting: readonly LobbyEntry[]) => void;
  /** You are waiting in the lobby for a host. */
  lobbyWaiting: (room: RoomState) => void;
  lobbyAdmitted: () => void;
  lobbyDenied: (reason: "denied_by_host" | "meeting_ended") => void;
  /** A host muted your microphone or camera (already applied locally). */
  mutedByHost: (by: string, kind: MediaKind) => void;
  removed: (reason: "removed_by_host" | "blocked_by_host" | "joined_elsewhere") => void;
  /** Hosts: someone removed from the meeting tried to come back (joining as `name`) and was refused. */
  rejoinRefused: (name: string) => void;
  ended: (reason: "ended_by_host" | "ended_by_admin" | "meeting_ended") => void;
  error: (error: CallError) => void;
};

/** What a transport factory gets to build the media transport for a room. */
export interface TransportContext {
  readonly topology: Topology;
  readonly selfId: string;
  readonly iceServers: readonly IceServer[];
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  readonly signal: SignalChannel;
  readonly createPeerConnection: PeerConnectionFactory;
  readonly localTracks: () => Partial<Record<TrackSource, MediaStreamTrack | null>>;
  /** When a participant (ourselves included) joined the call, if known. */
  readonly joinedAt: (participantId: string) => string | undefined;
}

export interface CallOptions {
  readonly meetingId: string;
  readonly signal: SignalChannel;
  /** Mints a fresh join token; called for the first join and every re-join. */
  readonly getJoinToken: () => Promise<string>;
  readonly localMedia: LocalMedia;
  readonly passcode?: string;
  /** Defaults to the browser's RTCPeerConnection. */
  readonly createPeerConnection?: PeerConnectionFactory;
  /** Defaults to a MeshTopology for `topology: "mesh"`. */
  readonly createTransport?: (context: TransportContext) => MediaTransport;
  /** How often quality and active speaker are computed (ms, default 1000; 0 disables). */
  readonly statsIntervalMs?: number;
  /** Milliseconds between quality summaries sent to the server (default 5000; needs stats sampling on). */
  readonly qualityReportIntervalMs?: number;
  /** "relay" forces every connection through TURN (privacy; TURN diagnostics). Default "all". */
  readonly iceTransportPolicy?: RTCIceTransportPolicy;
  /** Give up on the first connection after this long (ms, default 15000). */
  readonly connectTimeoutMs?: number;
}

/** What `join()` resolved with. */
export type JoinOutcome = { readonly status: "joined"; readonly self: Participant } | { readonly status: "waiting" };
