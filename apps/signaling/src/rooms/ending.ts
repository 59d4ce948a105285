import type { ServerContext } from "../context";
import { recordLeave, unbindSocket } from "./membership";
import { finishRecording, type RecordingStopper } from "./recording";
import { roomChannel, type RoomData } from "./room-state";

/**
 * After a room was ended (already marked ended and taken out of the store): tell everyone why, turn the lobby
 * away, let every socket go, close attendance, finish a running recording (composed afterwards), close the media
 * room. One place for a host's `host:end` and an administrator's end-meeting request (`by`: who stopped recording).
 */
export function releaseEndedRoom(
  ctx: ServerContext,
  meetingId: string,
  ended: RoomData,
  reason: "ended_by_host" | "ended_by_admin",
  now: Date,
  by: RecordingStopper,
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
  const recording = ended.recording;
  void (async () => {
    // The recording first: its files are closed and its compose job queued before the media room goes.
    if (recording) await finishRecording(ctx, meetingId, recording, by, { nodeHint: ended.sfuNode });
    await ctx.sfu?.meetingClosed(meetingId, ended.sfuNode);
  })().catch((error: unknown) => ctx.logger.error({ err: error, meetingId }, "closing an ended meeting's media failed"));
}
