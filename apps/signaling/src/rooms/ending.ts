import type { ServerContext } from "../context";
import { recordLeave, unbindSocket } from "./membership";
import { roomChannel, type RoomData } from "./room-state";

/**
 * After a room was ended (already marked ended and taken out of the store): tell everyone why, turn the lobby
 * away, let every socket go, close attendance and the media room. One place for a host's `host:end` and an
 * administrator's end-meeting request.
 */
export function releaseEndedRoom(
  ctx: ServerContext,
  meetingId: string,
  ended: RoomData,
  reason: "ended_by_host" | "ended_by_admin",
  now: Date,
): void {
  ctx.io.to(roomChannel(meetingId)).emit("room:ended", { reason });
  for (const guest of ended.lobby) {
    ctx.io.to(guest.socketId).emit("lobby:denied", { reason: "meeting_ended" });
    unbindSocket(ctx, guest.socketId, meetingId);
  }
  for (const member of ended.members) {
    unbindSocket(ctx, member.socketId, meetingId);
    void recordLeave(ctx, member.attendanceId, now);
  }
  void ctx.sfu?.meetingClosed(meetingId, ended.sfuNode);
}
