import type { BlockList } from "node:net";
import type { JoinTokenKey } from "@parley/join-auth";
import type { Logger } from "pino";
import { canModerate, type ClientEventName, type ClientEventResults, type ParsedClientEventPayload } from "@parley/protocol";
import type { PasscodeGuard } from "./auth/passcode-guard";
import type { Clock } from "./clock";
import type { SignalingConfig } from "./config";
import type { SignalingDb } from "./db";
import { SignalingError } from "./errors";
import type { SignalingServerIo, SignalingSocket } from "./io";
import { findMember, type MemberState, type RoomData } from "./rooms/room-state";
import type { RoomStore } from "./rooms/room-store";
import type { SfuService } from "./sfu/sfu-service";
import type { SfuSessionLimiter } from "./sfu-session-limit";

/** Everything a handler may touch. One per server: no module-level state. */
export interface ServerContext {
  io: SignalingServerIo;
  rooms: RoomStore;
  db: SignalingDb;
  config: SignalingConfig;
  clock: Clock;
  newId: () => string;
  logger: Logger;
  joinTokenSecret: JoinTokenKey;
  passcodes: PasscodeGuard;
  /** Proxies whose X-Forwarded-For names the client (see http/client-address). */
  trustedProxies: BlockList;
  /** This process among the signaling nodes (random per start): members record where their socket is. */
  nodeId: string;
  /** How often one participant may start a new SFU session. */
  sfuSessions: SfuSessionLimiter;
  /** The SFU for large meetings; undefined when none is configured (every call stays a mesh). */
  sfu: SfuService | undefined;
}

/** Handles one client event whose payload has already been validated. */
export type EventHandler<E extends ClientEventName> = (
  socket: SignalingSocket,
  payload: ParsedClientEventPayload<E>,
) => Promise<ClientEventResults[E]> | ClientEventResults[E];

export type EventHandlers = { [E in ClientEventName]: EventHandler<E> };

/** The meeting this socket was let into (as a member or a lobby guest); `not_in_room` otherwise. */
export function meetingOf(socket: SignalingSocket): string {
  const { meetingId, participantId } = socket.data;
  if (!meetingId || !participantId) throw SignalingError.notInRoom();
  return meetingId;
}

/**
 * The member behind a socket, checked against the room itself: another node may have removed it, ended the
 * meeting or handed its place to a newer socket. `not_in_room` otherwise (also while in the lobby).
 */
export function memberIn(room: RoomData | undefined, socket: SignalingSocket): { room: RoomData; member: MemberState } {
  const { participantId } = socket.data;
  const member = participantId ? findMember(room, participantId) : undefined;
  if (!room || !member || member.socketId !== socket.id) throw SignalingError.notInRoom();
  return { room, member };
}

/** Like memberIn, and the member must be a host or a co-host (the host controls). */
export function moderatorIn(room: RoomData | undefined, socket: SignalingSocket): { room: RoomData; member: MemberState } {
  const found = memberIn(room, socket);
  if (!canModerate(found.member.role)) throw SignalingError.forbidden();
  return found;
}

/** Like memberIn, and the member must be the host itself (roles: only the host promotes and demotes). */
export function hostIn(room: RoomData | undefined, socket: SignalingSocket): { room: RoomData; member: MemberState } {
  const found = memberIn(room, socket);
  if (found.member.role !== "host") throw SignalingError.forbidden("Only the host can change roles.");
  return found;
}

/** Read the socket's room and insist it is a member (read-only use: relays, chat, reactions). */
export async function requireMember(ctx: ServerContext, socket: SignalingSocket): Promise<{ room: RoomData; member: MemberState }> {
  return memberIn(await ctx.rooms.get(meetingOf(socket)), socket);
}

/** Read the socket's room and insist it is a host or a co-host. */
export async function requireModerator(ctx: ServerContext, socket: SignalingSocket): Promise<{ room: RoomData; member: MemberState }> {
  return moderatorIn(await ctx.rooms.get(meetingOf(socket)), socket);
}
