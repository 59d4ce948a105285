import { timingSafeEqual } from "node:crypto";
import { PROTOCOL_VERSION, type Resume, type RoomJoinPayload, type RoomJoinResult } from "@parley/protocol";
import { verifyJoinToken } from "../auth/join-token";
import { verifyPasscode } from "../auth/passcode";
import type { MeetingForCall, StoredChatMessage } from "../db";
import { SignalingError } from "../errors";
import { toParticipant, roomChannel, type Member, type Room } from "../rooms/room";
import type { EventHandlers, ServerContext, SignalingSocket } from "./context";
import {
  addMember,
  bindSocket,
  broadcastLobby,
  joinedPayload,
  loadHistory,
  removeMember,
  unbindSocket,
} from "./membership";

/** `room:join` and `room:leave`, plus what happens when a socket drops. */
export function roomHandlers(ctx: ServerContext): Pick<EventHandlers, "room:join" | "room:leave"> {
  return {
    "room:join": async (socket, payload) => {
      if (socket.data.status) {
        throw new SignalingError("already_joined", "This connection is already in a meeting; leave it first.");
      }
      // NOTE: set before the first await so a second room:join racing this one is refused.
      socket.data.status = "joining";
      try {
        return await join(ctx, socket, payload);
      } finally {
        if (socket.data.status === "joining") socket.data = {};
      }
    },

    "room:leave": (socket) => {
      const { meetingId, participantId, status } = socket.data;
      const room = meetingId ? ctx.rooms.get(meetingId) : undefined;
      if (!room || !participantId || (status !== "joined" && status !== "waiting")) throw SignalingError.notInRoom();
      if (status === "waiting") {
        leaveLobby(ctx, room, participantId);
        socket.data = {};
        return {};
      }
      const member = room.members.get(participantId);
      if (!member || member.socketId !== socket.id) throw SignalingError.notInRoom();
      removeMember(ctx, room, member, "left");
      return {};
    },
  };
}

async function join(ctx: ServerContext, socket: SignalingSocket, payload: RoomJoinPayload): Promise<RoomJoinResult> {
  if (payload.protocolVersion !== PROTOCOL_VERSION) {
    throw new SignalingError(
      "incompatible",
      `This page speaks protocol ${payload.protocolVersion}, the server ${PROTOCOL_VERSION}. Reload the page.`,
    );
  }
  const { claims, issuedAtMs } = await verifyJoinToken(payload.token, ctx.joinTokenSecret, ctx.clock.now());
  if (claims.meetingId !== payload.meetingId) {
    throw new SignalingError("forbidden", "This join token is for another meeting.");
  }
  const meeting = await ctx.db.meetings.findById(claims.meetingId);
  if (!meeting) throw SignalingError.notFound("This meeting does not exist.");
  if (meeting.status === "CANCELLED") throw new SignalingError("meeting_cancelled", "This meeting was cancelled.");
  const isHost = claims.role === "host";
  if (!isHost && ctx.rooms.endedSince(meeting.id, issuedAtMs)) {
    throw new SignalingError("meeting_ended", "The host ended this meeting.");
  }

  // A valid resume proves the client was already let in: it skips passcode and lobby.
  const existing = ctx.rooms.get(meeting.id);
  const resuming = payload.resume !== undefined && existing !== undefined && !!findResumable(existing, payload.resume, claims.sub);
  if (!resuming && !isHost) await checkPasscode(meeting, payload.passcode);
  const history = await loadHistory(ctx, meeting.id);
  if (!socket.connected) throw new SignalingError("internal", "The connection closed while joining.");

  // From here on everything is synchronous, so the checks below still hold when the state changes.
  const room = ctx.rooms.open(meeting, ctx.config.roomCapacity);
  const member = payload.resume ? findResumable(room, payload.resume, claims.sub) : undefined;
  if (member) return resume(ctx, socket, room, member, payload, history);
  if (resuming && !isHost && meeting.passcodeHash) {
    // The place expired while we were loading history and the passcode was skipped: ask for it.
    ctx.rooms.closeIfEmpty(room);
    throw new SignalingError("passcode_required", "This meeting needs a passcode.");
  }

  try {
    if (room.removedSubjects.has(claims.sub)) throw SignalingError.forbidden("A host removed you from this meeting.");
    if (!isHost && room.locked) throw new SignalingError("room_locked", "The host has locked this meeting.");
    if (room.isFull) throw new SignalingError("room_full", "This meeting is full.");
  } catch (error) {
    ctx.rooms.closeIfEmpty(room);
    throw error;
  }

  const id = ctx.newId();
  if (!isHost && meeting.lobbyEnabled) {
    room.lobby.set(id, {
      id,
      subject: claims.sub,
      name: claims.name,
      requestedAt: ctx.clock.now(),
      socketId: socket.id,
      media: payload.media,
    });
    socket.data = { meetingId: meeting.id, participantId: id, status: "waiting" };
    broadcastLobby(ctx, room);
    ctx.logger.info({ meetingId: meeting.id, lobbyId: id }, "guest waiting in lobby");
    return { status: "waiting", lobbyId: id, room: room.state() };
  }

  const added = addMember(ctx, room, socket, {
    id,
    subject: claims.sub,
    name: claims.name,
    role: claims.role,
    media: payload.media,
  });
  ctx.logger.info({ meetingId: meeting.id, participantId: id, role: claims.role }, "participant joined");
  return joinedPayload(ctx, room, added, history, false);
}

async function checkPasscode(meeting: MeetingForCall, passcode: string | undefined): Promise<void> {
  if (!meeting.passcodeHash) return;
  if (passcode === undefined) throw new SignalingError("passcode_required", "This meeting needs a passcode.");
  if (!(await verifyPasscode(passcode, meeting.passcodeHash))) {
    throw new SignalingError("passcode_invalid", "That passcode is not right.");
  }
}

/** The member a resume refers to, if it belongs to the same identity and carries the right secret. */
function findResumable(room: Room, resume: Resume, subject: string): Member | undefined {
  const member = room.members.get(resume.participantId);
  if (!member || member.subject !== subject) return undefined;
  const expected = Buffer.from(member.resumeToken);
  const given = Buffer.from(resume.resumeToken);
  return expected.length === given.length && timingSafeEqual(expected, given) ? member : undefined;
}

/** Give a dropped (or replaced) member's place to this socket. The others see no leave/join. */
function resume(
  ctx: ServerContext,
  socket: SignalingSocket,
  room: Room,
  member: Member,
  payload: RoomJoinPayload,
  history: StoredChatMessage[],
): RoomJoinResult {
  if (member.graceTimer !== null) ctx.clock.clearTimeout(member.graceTimer);
  member.graceTimer = null;
  if (member.socketId && member.socketId !== socket.id) {
    // The old socket is half-open (its client already came back on a new one): retire it quietly.
    unbindSocket(ctx, member.socketId, room.meeting.id)?.disconnect(true);
  }
  bindSocket(room, member, socket);
  if (member.audioMuted !== payload.media.audioMuted || member.videoMuted !== payload.media.videoMuted) {
    member.audioMuted = payload.media.audioMuted;
    member.videoMuted = payload.media.videoMuted;
    socket.to(roomChannel(room.meeting.id)).emit("participant:updated", toParticipant(member));
  }
  ctx.logger.info({ meetingId: room.meeting.id, participantId: member.id }, "participant resumed");
  return joinedPayload(ctx, room, member, history, true);
}

function leaveLobby(ctx: ServerContext, room: Room, lobbyId: string): void {
  if (!room.lobby.delete(lobbyId)) return;
  broadcastLobby(ctx, room);
  ctx.rooms.closeIfEmpty(room);
}

/** A socket dropped: lobby guests leave at once, members keep their place for the grace period. */
export function handleDisconnect(ctx: ServerContext, socket: SignalingSocket): void {
  const { meetingId, participantId, status } = socket.data;
  const room = meetingId ? ctx.rooms.get(meetingId) : undefined;
  if (!room || !participantId) return;
  if (status === "waiting") {
    leaveLobby(ctx, room, participantId);
    return;
  }
  const member = room.members.get(participantId);
  if (!member || member.socketId !== socket.id) return;
  member.socketId = null;
  member.graceTimer = ctx.clock.setTimeout(() => {
    member.graceTimer = null;
    ctx.logger.info({ meetingId: room.meeting.id, participantId: member.id }, "reconnect grace expired");
    removeMember(ctx, room, member, "disconnected");
  }, ctx.config.reconnectGraceMs);
}
