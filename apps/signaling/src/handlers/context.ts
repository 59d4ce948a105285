import type { Logger } from "pino";
import type { Server, Socket } from "socket.io";
import type {
  ClientEventName,
  ClientEventResults,
  ClientToServerEvents,
  InterServerEvents,
  ParsedClientEventPayload,
  ServerToClientEvents,
  SocketData,
} from "@parley/protocol";
import type { Clock } from "../clock";
import type { SignalingConfig } from "../config";
import type { SignalingDb } from "../db";
import { SignalingError } from "../errors";
import type { RoomRegistry } from "../rooms/room-registry";
import type { Member, Room } from "../rooms/room";

export type SignalingServerIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type SignalingSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Everything a handler may touch. One per server: no module-level state. */
export interface ServerContext {
  io: SignalingServerIo;
  rooms: RoomRegistry;
  db: SignalingDb;
  config: SignalingConfig;
  clock: Clock;
  newId: () => string;
  logger: Logger;
  joinTokenSecret: Uint8Array;
}

/** Handles one client event whose payload has already been validated. */
export type EventHandler<E extends ClientEventName> = (
  socket: SignalingSocket,
  payload: ParsedClientEventPayload<E>,
) => Promise<ClientEventResults[E]> | ClientEventResults[E];

export type EventHandlers = { [E in ClientEventName]: EventHandler<E> };

/** The room and member behind a socket that has joined a call; `not_in_room` otherwise (also while in the lobby). */
export function requireMember(ctx: ServerContext, socket: SignalingSocket): { room: Room; member: Member } {
  const { meetingId, participantId, status } = socket.data;
  if (status !== "joined" || !meetingId || !participantId) throw SignalingError.notInRoom();
  const room = ctx.rooms.get(meetingId);
  const member = room?.members.get(participantId);
  if (!room || !member || member.socketId !== socket.id) throw SignalingError.notInRoom();
  return { room, member };
}

/** Like requireMember, and the member must be a host. */
export function requireHost(ctx: ServerContext, socket: SignalingSocket): { room: Room; member: Member } {
  const found = requireMember(ctx, socket);
  if (found.member.role !== "host") throw SignalingError.forbidden();
  return found;
}
