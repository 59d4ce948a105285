import type { z } from "zod";
import type { AckCallback, ProtocolError } from "./errors";
import type { ChatMessage, Participant, RoomState } from "./models";
import { chatSendPayloadSchema } from "./chat";
import {
  hostEndPayloadSchema,
  hostLockPayloadSchema,
  hostMutePayloadSchema,
  hostRemovePayloadSchema,
  hostUnlockPayloadSchema,
  lobbyDecisionPayloadSchema,
  type LobbyDenied,
  type RejoinRefused,
  type LobbyUpdated,
} from "./host";
import { iceRefreshPayloadSchema, type IceRefreshResult } from "./ice";
import { mediaUpdatePayloadSchema, type MediaMuted } from "./media";
import { handLowerPayloadSchema, handRaisePayloadSchema, reactionSendPayloadSchema, type ReactionReceived } from "./reaction";
import {
  roomJoinPayloadSchema,
  roomLeavePayloadSchema,
  type Joined,
  type ParticipantLeft,
  type RoomEnded,
  type RoomJoinResult,
  type RoomRemoved,
} from "./room";
import {
  sfuAnswerPayloadSchema,
  sfuCandidatePayloadSchema,
  sfuLayersPayloadSchema,
  sfuPublishPayloadSchema,
  sfuSyncPayloadSchema,
  type SfuOffer,
  type SfuPublishResult,
  type SfuRestart,
  type SfuSyncResult,
} from "./sfu";
import {
  signalCandidatePayloadSchema,
  signalDescriptionPayloadSchema,
  signalIceRestartPayloadSchema,
  type SignalCandidate,
  type SignalDescription,
  type SignalIceRestart,
} from "./signal";

/** The payload schema of every client → server event. The server parses each payload with it before anything else. */
export const clientEventSchemas = {
  "room:join": roomJoinPayloadSchema,
  "room:leave": roomLeavePayloadSchema,
  "media:update": mediaUpdatePayloadSchema,
  "ice:refresh": iceRefreshPayloadSchema,
  "signal:description": signalDescriptionPayloadSchema,
  "signal:candidate": signalCandidatePayloadSchema,
  "signal:ice-restart": signalIceRestartPayloadSchema,
  "chat:send": chatSendPayloadSchema,
  "hand:raise": handRaisePayloadSchema,
  "hand:lower": handLowerPayloadSchema,
  "reaction:send": reactionSendPayloadSchema,
  "host:mute": hostMutePayloadSchema,
  "host:remove": hostRemovePayloadSchema,
  "host:lock": hostLockPayloadSchema,
  "host:unlock": hostUnlockPayloadSchema,
  "host:end": hostEndPayloadSchema,
  "lobby:admit": lobbyDecisionPayloadSchema,
  "lobby:deny": lobbyDecisionPayloadSchema,
  "sfu:publish": sfuPublishPayloadSchema,
  "sfu:answer": sfuAnswerPayloadSchema,
  "sfu:candidate": sfuCandidatePayloadSchema,
  "sfu:layers": sfuLayersPayloadSchema,
  "sfu:sync": sfuSyncPayloadSchema,
} as const satisfies Record<string, z.ZodType>;

export type ClientEventName = keyof typeof clientEventSchemas;
export const CLIENT_EVENTS = Object.keys(clientEventSchemas) as ClientEventName[];

/** Whether `name` is a client → server event of this protocol version. */
export function isClientEventName(name: string): name is ClientEventName {
  return Object.hasOwn(clientEventSchemas, name);
}

/** Data of the successful acknowledgement of each client event. */
export interface ClientEventResults {
  "room:join": RoomJoinResult;
  "room:leave": Record<string, never>;
  /** Your participant after the change. */
  "media:update": Participant;
  /** Fresh ICE servers (TURN credentials) for new connections and ICE restarts. */
  "ice:refresh": IceRefreshResult;
  "signal:description": Record<string, never>;
  "signal:candidate": Record<string, never>;
  "signal:ice-restart": Record<string, never>;
  /** The stored message, as everyone receives it in `chat:message`. */
  "chat:send": ChatMessage;
  "hand:raise": Participant;
  "hand:lower": Participant;
  "reaction:send": Record<string, never>;
  /** The muted participant. */
  "host:mute": Participant;
  "host:remove": Record<string, never>;
  "host:lock": RoomState;
  "host:unlock": RoomState;
  "host:end": Record<string, never>;
  "lobby:admit": Record<string, never>;
  "lobby:deny": Record<string, never>;
  /** The media server's answer to your offer. */
  "sfu:publish": SfuPublishResult;
  "sfu:answer": Record<string, never>;
  "sfu:candidate": Record<string, never>;
  "sfu:layers": Record<string, never>;
  "sfu:sync": SfuSyncResult;
}

/** What a client sends as the payload of `E` (schema input: defaults may be omitted). */
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEventSchemas)[E]>;
/** What the server handler sees after parsing. */
export type ParsedClientEventPayload<E extends ClientEventName> = z.output<(typeof clientEventSchemas)[E]>;

/** socket.io typing, client → server. Every event is a request: `(payload, ack)`. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: AckCallback<ClientEventResults[E]>) => void;
};

/** socket.io typing, server → client. */
export interface ServerToClientEvents {
  "participant:joined": (participant: Participant) => void;
  "participant:left": (left: ParticipantLeft) => void;
  "participant:updated": (participant: Participant) => void;
  "signal:description": (signal: SignalDescription) => void;
  "signal:candidate": (signal: SignalCandidate) => void;
  "signal:ice-restart": (signal: SignalIceRestart) => void;
  "chat:message": (message: ChatMessage) => void;
  "reaction:received": (reaction: ReactionReceived) => void;
  /** A host muted you; your state is already muted for everyone else, so stop sending. */
  "media:muted": (muted: MediaMuted) => void;
  "room:updated": (room: RoomState) => void;
  "room:ended": (ended: RoomEnded) => void;
  "room:removed": (removed: RoomRemoved) => void;
  /** To hosts: the lobby queue changed. */
  "lobby:updated": (lobby: LobbyUpdated) => void;
  /** To a waiting guest: you are in; same data as a `joined` answer to `room:join`. */
  "lobby:admitted": (joined: Joined) => void;
  "lobby:denied": (denied: LobbyDenied) => void;
  /** To hosts: someone removed from this meeting tried to come back (as themselves or this browser's guest). */
  "host:rejoin-refused": (refused: RejoinRefused) => void;
  /** Topology "sfu": a (new) description of your subscription to everyone else's media. */
  "sfu:offer": (offer: SfuOffer) => void;
  "sfu:restart": (restart: SfuRestart) => void;
  /** Errors that have no acknowledgement to travel in (e.g. an event sent without an ack callback). */
  "server:error": (error: ProtocolError) => void;
}

/** Events between signaling nodes (through the socket.io Redis adapter). */
export interface InterServerEvents {
  /** A participant left (or, without `participantId`, the meeting ended): the node holding its SFU session closes it. */
  "sfu:drop": (drop: { meetingId: string; participantId?: string }) => void;
}

/** What the server remembers on each socket. */
export interface SocketData {
  meetingId?: string;
  participantId?: string;
  status?: "joining" | "joined" | "waiting";
}
