import { canModerate } from "@parley/protocol";
import type { MeetingForCall } from "../db";
import { SignalingError } from "../errors";
import type { ServerContext } from "../context";
import type { SignalingSocket } from "../io";
import { bindSocket, bindSocketAnywhere, newMember, recordJoin, recordLeave, withoutMember, type Admission } from "./membership";
import { applyTopology, isFull, newRoom, roomChannel, roomStateOf, toParticipant, type MemberState, type RoomData } from "./room-state";

// The rules of letting someone in: who may come in at all (lobby or call), and entering the call itself, the same
// for a join (room:join) and a host letting a lobby guest in (lobby:admit).

/** The meeting's room (created on first join), with the meeting refreshed: a host may have edited lobby or passcode. */
export function openRoom(ctx: ServerContext, room: RoomData | undefined, meeting: MeetingForCall): RoomData {
  if (!room) return newRoom(meeting, ctx.config.roomCapacity);
  room.meeting = meeting;
  return room;
}

/** This identity's places in the call, connected or dropped (inside the grace period). */
export function ownPlaces(room: RoomData, subject: string): MemberState[] {
  return room.members.filter((member) => member.subject === subject);
}

/**
 * A fresh join replaces the same identity's places: one identity (one join token) holds one seat however often
 * it joins, a reload must not be refused as "full" because of the tab it replaces, and the others see the old
 * tile go at once rather than after the grace period.
 */
export function replaceOwnPlaces(room: RoomData, subject: string): MemberState[] {
  const own = ownPlaces(room, subject);
  for (const member of own) withoutMember(room, member.id);
  return own;
}

/** At most this many guests wait at once: the queue is for a meeting's guests, not for a flood of identities. */
export function lobbyLimit(room: RoomData): number {
  return Math.max(10, room.capacity * 2);
}

/** Whether a host removed this identity, or anyone from its browser. */
export function wasRemoved(room: RoomData, admission: Admission): boolean {
  return [admission.subject, admission.browserSubject].some((subject) => subject !== undefined && room.removedSubjects.includes(subject));
}

/**
 * Who may come in at all (lobby or call): nobody while the meeting is full, no guest while it is locked, not even
 * into the lobby. Co-hosts come in while locked (they moderate it) but not once removed.
 */
export function checkAdmission(room: RoomData, admission: Admission): void {
  if (admission.role !== "host" && wasRemoved(room, admission)) throw SignalingError.forbidden("A host removed you from this meeting.");
  if (!canModerate(admission.role) && room.locked) throw new SignalingError("room_locked", "The host has locked this meeting.");
  if (isFull(room)) throw roomFull();
}

function roomFull(): SignalingError {
  return new SignalingError("room_full", "This meeting is full.");
}

export interface CallEntry {
  meetingId: string;
  admission: Admission;
  /**
   * The room as this entry needs it, inside the atomic room change (run again on every retry): refuse by throwing,
   * take out what the newcomer replaces. Returns where the newcomer's socket is (node undefined: this one).
   */
  prepare: (stored: RoomData | undefined) => { room: RoomData; socketId: string; node: string | undefined };
  /** The socket itself when it is connected to this node (a join); else it is reached through the adapter. */
  localSocket?: SignalingSocket;
  /** Runs after the room changed and before anyone hears of the newcomer (e.g. announce the places it replaced). */
  beforeAnnounce?: () => void;
}

/**
 * Let someone into the call: atomically with the room change, check capacity, add the member and pick the topology
 * (participant N+1 moves everyone to the SFU). Then route the member's socket and tell the others. The attendance
 * record is written after that (openAttendance), so the join's answer never waits for a database write.
 */
export async function admitToCall(ctx: ServerContext, entry: CallEntry): Promise<{ room: RoomData; member: MemberState }> {
  const { meetingId, admission } = entry;
  // The decisive check, atomic with the change: two nodes cannot both take the last place.
  const { room, member, switched } = await ctx.rooms.update(meetingId, (stored) => {
    const { room, socketId, node } = entry.prepare(stored);
    if (isFull(room)) throw roomFull();
    const member = newMember(ctx, admission, socketId, null, node);
    room.members.push(member);
    if (canModerate(member.role)) room.hostSeenAt = ctx.clock.now().getTime();
    return { room, result: { room, member, switched: applyTopology(room, ctx.sfu?.meshMax) } };
  });
  void openAttendance(ctx, meetingId, member.id, admission);
  entry.beforeAnnounce?.();
  const socketId = member.socketId as string;
  if (entry.localSocket) bindSocket(entry.localSocket, meetingId, member);
  else bindSocketAnywhere(ctx, socketId, meetingId, member);
  ctx.io.to(roomChannel(meetingId)).except(socketId).emit("participant:joined", toParticipant(member));
  if (switched) ctx.io.to(roomChannel(meetingId)).except(socketId).emit("room:updated", roomStateOf(room));
  return { room, member };
}

/**
 * Write a new member's attendance record and tie it to the member (chat history names senders through it). NOTE: after
 * the join's answer, not before: the insert is a database round trip (seconds when the client is still loading after
 * a restart) that the newcomer's media should not wait for. A member who left meanwhile gets its record closed at once.
 */
async function openAttendance(ctx: ServerContext, meetingId: string, memberId: string, admission: Admission): Promise<void> {
  const attendanceId = await recordJoin(ctx, meetingId, admission);
  if (!attendanceId) return;
  try {
    const attached = await ctx.rooms.update(meetingId, (room) => {
      const member = room?.members.find((m) => m.id === memberId);
      if (!room || !member) return { room, result: false, unchanged: true };
      member.attendanceId = attendanceId;
      room.attendance[attendanceId] = member.id;
      return { room, result: true };
    });
    if (!attached) await recordLeave(ctx, attendanceId, ctx.clock.now());
  } catch (error) {
    ctx.logger.error({ err: error, meetingId, participantId: memberId }, "attaching the attendance record failed");
    await recordLeave(ctx, attendanceId, ctx.clock.now());
  }
}
