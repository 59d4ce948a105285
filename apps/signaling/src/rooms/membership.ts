import { randomBytes } from "node:crypto";
import { canModerate, type ChatMessage, type Joined, type MediaState, type ParticipantLeft, type ParticipantRole } from "@parley/protocol";
import { identityOf } from "@parley/join-auth";
import type { StoredChatMessage } from "../db";
import { iceServersExpireIn, iceServersFor } from "../ice-servers";
import {
  findLobbyGuest,
  findMember,
  hostChannel,
  lobbyEntriesOf,
  participantsExcept,
  roomChannel,
  roomStateOf,
  settled,
  toParticipant,
  type MemberState,
  type RoomData,
} from "./room-state";
import type { ServerContext } from "../context";
import type { SignalingSocket } from "../io";

// Shared room operations (join, admit, leave, remove, end) that several handlers perform. Sockets are addressed
// through the adapter (`io.in(socketId)`), so these work whichever node the socket is connected to.

export interface Admission {
  id: string;
  subject: string;
  /** `guest:<browser id>`: the guest this browser would join as (signed out), blocked too when removed. */
  browserSubject?: string | undefined;
  name: string;
  role: ParticipantRole;
  media: MediaState;
}

/** The state of a new member; the caller puts it into the room. */
export function newMember(
  ctx: ServerContext,
  input: Admission,
  socketId: string,
  attendanceId: string | null,
  node: string = ctx.nodeId,
): MemberState {
  return {
    id: input.id,
    subject: input.subject,
    ...(input.browserSubject ? { browserSubject: input.browserSubject } : {}),
    name: input.name,
    role: input.role,
    joinedAt: ctx.clock.now().toISOString(),
    audioMuted: input.media.audioMuted,
    videoMuted: input.media.videoMuted,
    screenSharing: false,
    handRaised: false,
    socketId,
    node,
    // NOTE: 24 random bytes, not the id generator: this is a secret that lets its holder take the place back.
    resumeToken: randomBytes(24).toString("base64url"),
    attendanceId,
    graceUntil: null,
  };
}

function channelsOf(meetingId: string, role: ParticipantRole): string[] {
  return canModerate(role) ? [roomChannel(meetingId), hostChannel(meetingId)] : [roomChannel(meetingId)];
}

/** Route a member's events through this (local) socket. */
export function bindSocket(socket: SignalingSocket, meetingId: string, member: MemberState): void {
  socket.data = { meetingId, participantId: member.id, status: "joined" };
  void socket.join(channelsOf(meetingId, member.role));
}

/** Route a member's events through a socket that may be connected to another node (an admitted lobby guest). */
export function bindSocketAnywhere(ctx: ServerContext, socketId: string, meetingId: string, member: MemberState): void {
  const local = ctx.io.sockets.sockets.get(socketId);
  if (local) return bindSocket(local, meetingId, member);
  ctx.io.in(socketId).socketsJoin(channelsOf(meetingId, member.role));
}

/** Detach a socket (on any node) from a meeting; it may join again (or another meeting) afterwards. */
export function unbindSocket(ctx: ServerContext, socketId: string | null, meetingId: string): void {
  if (!socketId) return;
  const local = ctx.io.sockets.sockets.get(socketId);
  if (local) local.data = {};
  // NOTE: a remote socket keeps its socket.data; every handler checks the room itself, so stale data grants nothing.
  ctx.io.in(socketId).socketsLeave([roomChannel(meetingId), hostChannel(meetingId)]);
}

/** A member is out of the call (already taken out of the room): detach it, tell the others, close its attendance. */
export function announceLeft(ctx: ServerContext, meetingId: string, member: MemberState, reason: ParticipantLeft["reason"]): void {
  unbindSocket(ctx, member.socketId, meetingId);
  ctx.io.to(roomChannel(meetingId)).emit("participant:left", { participantId: member.id, reason });
  void recordLeave(ctx, member.attendanceId, ctx.clock.now());
  void ctx.sfu?.memberLeft(meetingId, member.id);
}

/**
 * A member's role changed (host:promote / host:demote), on whatever node its socket is: a co-host hears the lobby
 * (and gets the queue now), a guest no longer does (and its lobby list is emptied).
 */
export function rebindRole(ctx: ServerContext, room: RoomData, member: MemberState): void {
  if (!member.socketId) return; // inside its grace period: a resume binds the channels of its role then
  const meetingId = room.meeting.id;
  if (canModerate(member.role)) {
    ctx.io.in(member.socketId).socketsJoin(hostChannel(meetingId));
    ctx.io.to(member.socketId).emit("lobby:updated", { waiting: lobbyEntriesOf(room) });
  } else {
    ctx.io.in(member.socketId).socketsLeave(hostChannel(meetingId));
    ctx.io.to(member.socketId).emit("lobby:updated", { waiting: [] });
  }
}

/** Tell the hosts and co-hosts who is waiting. */
export function broadcastLobby(ctx: ServerContext, room: RoomData): void {
  ctx.io.to(hostChannel(room.meeting.id)).emit("lobby:updated", { waiting: lobbyEntriesOf(room) });
}

/** What a participant receives on entering the call (join ack, resume ack, `lobby:admitted`). */
export function joinedPayload(
  ctx: ServerContext,
  room: RoomData,
  member: MemberState,
  history: StoredChatMessage[],
  resumed: boolean,
): Joined {
  return {
    status: "joined",
    self: toParticipant(member),
    participants: participantsExcept(room, member.id),
    chatHistory: history.map((message) => toChatMessage(room, message)),
    iceServers: iceServersFor(ctx.config.ice, member.id, ctx.clock.now()),
    iceServersExpireInSeconds: iceServersExpireIn(ctx.config.ice),
    room: roomStateOf(room),
    resumeToken: member.resumeToken,
    resumed,
    lobby: canModerate(member.role) ? lobbyEntriesOf(room) : [],
  };
}

export function loadHistory(ctx: ServerContext, meetingId: string): Promise<StoredChatMessage[]> {
  return ctx.db.chat.history(meetingId, ctx.config.chatHistoryLimit);
}

export function toChatMessage(room: RoomData, stored: StoredChatMessage): ChatMessage {
  return {
    id: stored.id,
    senderId: (stored.participantId && room.attendance[stored.participantId]) || null,
    senderName: stored.senderName,
    body: stored.body,
    sentAt: stored.createdAt.toISOString(),
  };
}

/** Open an attendance record before the member enters the room, so the room always knows its id. */
export async function recordJoin(ctx: ServerContext, meetingId: string, input: Admission): Promise<string | null> {
  try {
    const record = await ctx.db.participants.recordJoin({
      meetingId,
      ...identityOf(input.subject as `user:${string}`),
      displayName: input.name,
      role: input.role === "host" ? "HOST" : "GUEST",
    });
    return record.id;
  } catch (error) {
    // Attendance is a report, not a gate: the call goes on without it.
    ctx.logger.error({ err: error, meetingId, participantId: input.id }, "recording join failed");
    return null;
  }
}

/** Close an attendance record. */
export async function recordLeave(ctx: ServerContext, attendanceId: string | null, at: Date): Promise<void> {
  if (!attendanceId) return;
  try {
    await ctx.db.participants.recordLeave(attendanceId, at);
  } catch (error) {
    ctx.logger.error({ err: error, attendanceId }, "recording leave failed");
  }
}

/** The room without one member. */
export function withoutMember(room: RoomData, id: string): RoomData {
  room.members = room.members.filter((member) => member.id !== id);
  return room;
}

/** The room without one lobby guest. */
export function withoutGuest(room: RoomData, id: string): RoomData {
  room.lobby = room.lobby.filter((guest) => guest.id !== id);
  return room;
}
/** A socket dropped: lobby guests leave at once, members keep their place for the grace period. */
export async function handleDisconnect(ctx: ServerContext, socket: SignalingSocket): Promise<void> {
  const { meetingId, participantId } = socket.data;
  if (!meetingId || !participantId) return;
  try {
    const lobbyLeft = await ctx.rooms.update(meetingId, (room) => {
      if (room && findLobbyGuest(room, participantId)?.socketId === socket.id) {
        return { room: settled(withoutGuest(room, participantId)), result: room };
      }
      const member = findMember(room, participantId);
      if (!member || member.socketId !== socket.id) return { room, result: undefined, unchanged: true };
      member.socketId = null;
      member.graceUntil = ctx.clock.now().getTime() + ctx.config.reconnectGraceMs;
      return { room, result: undefined };
    });
    if (lobbyLeft) broadcastLobby(ctx, lobbyLeft);
  } catch (error) {
    ctx.logger.error({ err: error, meetingId, participantId }, "handling a disconnect failed");
  }
}
