import { randomBytes } from "node:crypto";
import type { ChatMessage, Joined, MediaState, ParticipantLeft, ParticipantRole } from "@parley/protocol";
import { identityOf } from "../auth/join-token";
import type { StoredChatMessage } from "../db";
import { iceServersFor } from "../ice-servers";
import { hostChannel, roomChannel, toParticipant, type Member, type Room } from "../rooms/room";
import type { ServerContext, SignalingSocket } from "./context";

/** Shared room operations (join, admit, leave, remove, end) that several handlers perform. */

export interface NewMember {
  id: string;
  subject: string;
  name: string;
  role: ParticipantRole;
  media: MediaState;
}

/** Put a socket into the call as a new participant and tell the others. Synchronous: checks happen before. */
export function addMember(ctx: ServerContext, room: Room, socket: SignalingSocket, input: NewMember): Member {
  const member: Member = {
    id: input.id,
    subject: input.subject,
    name: input.name,
    role: input.role,
    joinedAt: ctx.clock.now(),
    audioMuted: input.media.audioMuted,
    videoMuted: input.media.videoMuted,
    screenSharing: false,
    handRaised: false,
    socketId: socket.id,
    // NOTE: 24 random bytes, not the id generator: this is a secret that lets its holder take the place back.
    resumeToken: randomBytes(24).toString("base64url"),
    attendanceId: Promise.resolve(null),
    graceTimer: null,
  };
  room.members.set(member.id, member);
  member.attendanceId = recordJoin(ctx, room, member);
  bindSocket(room, member, socket);
  socket.to(roomChannel(room.meeting.id)).emit("participant:joined", toParticipant(member));
  return member;
}

/** Route a member's events through this socket. */
export function bindSocket(room: Room, member: Member, socket: SignalingSocket): void {
  member.socketId = socket.id;
  socket.data = { meetingId: room.meeting.id, participantId: member.id, status: "joined" };
  void socket.join(member.role === "host" ? [roomChannel(room.meeting.id), hostChannel(room.meeting.id)] : roomChannel(room.meeting.id));
}

/** Detach a socket from a meeting; it may join again (or another meeting) afterwards. */
export function unbindSocket(ctx: ServerContext, socketId: string | null, meetingId: string): SignalingSocket | undefined {
  const socket = socketId ? ctx.io.sockets.sockets.get(socketId) : undefined;
  if (!socket) return undefined;
  void socket.leave(roomChannel(meetingId));
  void socket.leave(hostChannel(meetingId));
  socket.data = {};
  return socket;
}

/** Take a member out of the call, tell the others and close its attendance record. Safe to call twice. */
export function removeMember(ctx: ServerContext, room: Room, member: Member, reason: ParticipantLeft["reason"]): void {
  if (room.members.get(member.id) !== member) return;
  if (member.graceTimer !== null) ctx.clock.clearTimeout(member.graceTimer);
  member.graceTimer = null;
  room.members.delete(member.id);
  unbindSocket(ctx, member.socketId, room.meeting.id);
  member.socketId = null;
  ctx.io.to(roomChannel(room.meeting.id)).emit("participant:left", { participantId: member.id, reason });
  void recordLeave(ctx, member, ctx.clock.now());
  ctx.rooms.closeIfEmpty(room);
}

/** Tell the hosts who is waiting. */
export function broadcastLobby(ctx: ServerContext, room: Room): void {
  ctx.io.to(hostChannel(room.meeting.id)).emit("lobby:updated", { waiting: room.lobbyEntries() });
}

/** What a participant receives on entering the call (join ack, resume ack, `lobby:admitted`). */
export function joinedPayload(
  ctx: ServerContext,
  room: Room,
  member: Member,
  history: StoredChatMessage[],
  resumed: boolean,
): Joined {
  return {
    status: "joined",
    self: toParticipant(member),
    participants: room.participantsExcept(member.id),
    chatHistory: history.map((message) => toChatMessage(room, message)),
    iceServers: iceServersFor(ctx.config.ice, member.id, ctx.clock.now()),
    room: room.state(),
    resumeToken: member.resumeToken,
    resumed,
    lobby: member.role === "host" ? room.lobbyEntries() : [],
  };
}

export function loadHistory(ctx: ServerContext, meetingId: string): Promise<StoredChatMessage[]> {
  return ctx.db.chat.history(meetingId, ctx.config.chatHistoryLimit);
}

export function toChatMessage(room: Room, stored: StoredChatMessage): ChatMessage {
  return {
    id: stored.id,
    senderId: (stored.participantId && room.participantByAttendance.get(stored.participantId)) || null,
    senderName: stored.senderName,
    body: stored.body,
    sentAt: stored.createdAt.toISOString(),
  };
}

async function recordJoin(ctx: ServerContext, room: Room, member: Member): Promise<string | null> {
  try {
    const record = await ctx.db.participants.recordJoin({
      meetingId: room.meeting.id,
      ...identityOf(member.subject as `user:${string}`),
      displayName: member.name,
      role: member.role === "host" ? "HOST" : "GUEST",
    });
    room.participantByAttendance.set(record.id, member.id);
    return record.id;
  } catch (error) {
    // Attendance is a report, not a gate: the call goes on without it.
    ctx.logger.error({ err: error, meetingId: room.meeting.id, participantId: member.id }, "recording join failed");
    return null;
  }
}

/** Close a member's attendance record. */
export async function recordLeave(ctx: ServerContext, member: Member, at: Date): Promise<void> {
  const attendanceId = await member.attendanceId;
  if (!attendanceId) return;
  try {
    await ctx.db.participants.recordLeave(attendanceId, at);
  } catch (error) {
    ctx.logger.error({ err: error, participantId: member.id }, "recording leave failed");
  }
}
