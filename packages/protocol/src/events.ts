import { z } from "zod";
import { protocolErrorSchema, type AckCallback } from "./errors";
import { chatMessageSchema, participantSchema, roomStateSchema } from "./models";
import { chatSendPayloadSchema } from "./chat";
import {
  hostEndPayloadSchema,
  hostLockPayloadSchema,
  hostMutePayloadSchema,
  hostRemovePayloadSchema,
  hostRolePayloadSchema,
  hostUnlockPayloadSchema,
  lobbyDecisionPayloadSchema,
  lobbyDeniedSchema,
  lobbyUpdatedSchema,
  rejoinRefusedSchema,
} from "./host";
import { iceRefreshPayloadSchema, iceRefreshResultSchema } from "./ice";
import { mediaMutedSchema, mediaUpdatePayloadSchema } from "./media";
import { qualityReportPayloadSchema } from "./quality";
import { recordingStartPayloadSchema, recordingStateSchema, recordingStopPayloadSchema } from "./recording";
import { handLowerPayloadSchema, handRaisePayloadSchema, reactionReceivedSchema, reactionSendPayloadSchema } from "./reaction";
import {
  joinedSchema,
  participantLeftSchema,
  roomEndedSchema,
  roomJoinPayloadSchema,
  roomJoinResultSchema,
  roomLeavePayloadSchema,
  roomRemovedSchema,
} from "./room";
import {
  sfuAnswerPayloadSchema,
  sfuCandidatePayloadSchema,
  sfuLayersPayloadSchema,
  sfuOfferSchema,
  sfuPublishPayloadSchema,
  sfuPublishResultSchema,
  sfuRestartSchema,
  sfuSyncPayloadSchema,
  sfuSyncResultSchema,
} from "./sfu";
import {
  signalCandidatePayloadSchema,
  signalCandidateSchema,
  signalDescriptionPayloadSchema,
  signalDescriptionSchema,
  signalIceRestartPayloadSchema,
  signalIceRestartSchema,
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
  "host:promote": hostRolePayloadSchema,
  "host:demote": hostRolePayloadSchema,
  "lobby:admit": lobbyDecisionPayloadSchema,
  "lobby:deny": lobbyDecisionPayloadSchema,
  "sfu:publish": sfuPublishPayloadSchema,
  "sfu:answer": sfuAnswerPayloadSchema,
  "sfu:candidate": sfuCandidatePayloadSchema,
  "sfu:layers": sfuLayersPayloadSchema,
  "sfu:sync": sfuSyncPayloadSchema,
  "recording:start": recordingStartPayloadSchema,
  "recording:stop": recordingStopPayloadSchema,
  "quality:report": qualityReportPayloadSchema,
} as const satisfies Record<string, z.ZodType>;

export type ClientEventName = keyof typeof clientEventSchemas;
export const CLIENT_EVENTS = Object.keys(clientEventSchemas) as ClientEventName[];

/** Whether `name` is a client → server event of this protocol version. */
export function isClientEventName(name: string): name is ClientEventName {
  return Object.hasOwn(clientEventSchemas, name);
}

/** An acknowledgement that carries nothing but its success. */
const emptyResultSchema = z.object({});

/** The schema of the data of each client event's successful acknowledgement. Clients parse what the server answered with it. */
export const clientResultSchemas = {
  "room:join": roomJoinResultSchema,
  "room:leave": emptyResultSchema,
  /** Your participant after the change. */
  "media:update": participantSchema,
  /** Fresh ICE servers (TURN credentials) for new connections and ICE restarts. */
  "ice:refresh": iceRefreshResultSchema,
  "signal:description": emptyResultSchema,
  "signal:candidate": emptyResultSchema,
  "signal:ice-restart": emptyResultSchema,
  /** The stored message, as everyone receives it in `chat:message`. */
  "chat:send": chatMessageSchema,
  "hand:raise": participantSchema,
  "hand:lower": participantSchema,
  "reaction:send": emptyResultSchema,
  /** The muted participant. */
  "host:mute": participantSchema,
  "host:remove": emptyResultSchema,
  "host:lock": roomStateSchema,
  "host:unlock": roomStateSchema,
  "host:end": emptyResultSchema,
  /** The participant with their new role (everyone else hears `participant:updated`). */
  "host:promote": participantSchema,
  "host:demote": participantSchema,
  "lobby:admit": emptyResultSchema,
  "lobby:deny": emptyResultSchema,
  /** The media server's answer to your offer. */
  "sfu:publish": sfuPublishResultSchema,
  "sfu:answer": emptyResultSchema,
  "sfu:candidate": emptyResultSchema,
  "sfu:layers": emptyResultSchema,
  "sfu:sync": sfuSyncResultSchema,
  "recording:start": recordingStateSchema,
  "recording:stop": recordingStateSchema,
  "quality:report": emptyResultSchema,
} as const satisfies Record<ClientEventName, z.ZodType>;

/** Data of the successful acknowledgement of each client event. */
export type ClientEventResults = { [E in ClientEventName]: z.output<(typeof clientResultSchemas)[E]> };

/** What a client sends as the payload of `E` (schema input: defaults may be omitted). */
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEventSchemas)[E]>;
/** What the server handler sees after parsing. */
export type ParsedClientEventPayload<E extends ClientEventName> = z.output<(typeof clientEventSchemas)[E]>;

/** socket.io typing, client → server. Every event is a request: `(payload, ack)`. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (payload: ClientEventPayload<E>, ack: AckCallback<ClientEventResults[E]>) => void;
};

/** The payload schema of every server → client event. Clients parse each payload with it before anything else. */
export const serverEventSchemas = {
  "participant:joined": participantSchema,
  "participant:left": participantLeftSchema,
  "participant:updated": participantSchema,
  "signal:description": signalDescriptionSchema,
  "signal:candidate": signalCandidateSchema,
  "signal:ice-restart": signalIceRestartSchema,
  "chat:message": chatMessageSchema,
  "reaction:received": reactionReceivedSchema,
  /** A host muted you; your state is already muted for everyone else, so stop sending. */
  "media:muted": mediaMutedSchema,
  "room:updated": roomStateSchema,
  "room:ended": roomEndedSchema,
  "room:removed": roomRemovedSchema,
  /** To hosts: the lobby queue changed. */
  "lobby:updated": lobbyUpdatedSchema,
  /** To a waiting guest: you are in; same data as a `joined` answer to `room:join`. */
  "lobby:admitted": joinedSchema,
  "lobby:denied": lobbyDeniedSchema,
  /** To hosts: someone removed from this meeting tried to come back (as themselves or this browser's guest). */
  "host:rejoin-refused": rejoinRefusedSchema,
  /** Topology "sfu": a (new) description of your subscription to everyone else's media. */
  "sfu:offer": sfuOfferSchema,
  "sfu:restart": sfuRestartSchema,
  /** Recording started or stopped (everyone in the room, lobby included; `room.recording` tells later joiners). */
  "recording:state": recordingStateSchema,
  /** Errors that have no acknowledgement to travel in (e.g. an event sent without an ack callback). */
  "server:error": protocolErrorSchema,
} as const satisfies Record<string, z.ZodType>;

export type ServerEventName = keyof typeof serverEventSchemas;
/** What a client receives with `E`, once parsed. */
export type ServerEventPayload<E extends ServerEventName> = z.output<(typeof serverEventSchemas)[E]>;

/** socket.io typing, server → client. */
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerEventPayload<E>) => void };

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
