import { canModerate, type RecordingState, type RoomState } from "@parley/protocol";
import type { ServerContext } from "../context";
import { roomChannel, type MemberState, type RoomData } from "./room-state";

// A recording's life as the room sees it. The room document holds the running recording; whoever takes it out of
// the room (recording:stop, the meeting ending, the last host leaving) finishes it here, exactly once.

export type RunningRecording = NonNullable<RoomData["recording"]>;

/** Who stopped a recording, as stored with it. */
export type RecordingStopper = { userId: string | null; name: string };

export function stopperOf(member: MemberState): RecordingStopper {
  return { userId: member.subject.startsWith("user:") ? member.subject.slice("user:".length) : null, name: member.name };
}

/**
 * Inside a room update, after a member left: when neither host nor co-host is left (the last one left, or their
 * reconnect grace ran out) the running recording is taken out of the room and returned, for `finishRecording` after
 * the update. Nobody may go on recording people without someone who can stop it in the call, and a recording left running would never be composed.
 */
export function takeRecordingWithoutHost(room: RoomData): RunningRecording | undefined {
  if (!room.recording || room.members.some((member) => canModerate(member.role))) return undefined;
  const running = room.recording;
  delete room.recording;
  return running;
}

/**
 * Tell the room and the people waiting in its lobby that recording started or stopped. Lobby guests get only
 * `recording:state` (never the room), so someone about to be admitted knows before they enter.
 */
export function announceRecording(
  ctx: ServerContext,
  meetingId: string,
  state: RecordingState,
  opts: { room?: RoomState | undefined; lobby?: readonly string[] | undefined },
): void {
  if (opts.room) {
    ctx.io.to(roomChannel(meetingId)).emit("room:updated", opts.room);
    ctx.io.to(roomChannel(meetingId)).emit("recording:state", state);
  }
  if (opts.lobby && opts.lobby.length > 0) ctx.io.to([...opts.lobby]).emit("recording:state", state);
}

/** Sockets waiting in a room's lobby. */
export function lobbySockets(room: RoomData): string[] {
  return room.lobby.map((guest) => guest.socketId);
}

/**
 * A recording the room let go of: Janus stops writing (its files are complete when it answers), the stored recording
 * goes to PROCESSING with its compose job queued in the same transaction (the web app's worker composes it), and
 * whoever is still in the room hears `recording:state` with the room (`room`: absent when the room is gone).
 */
export async function finishRecording(
  ctx: ServerContext,
  meetingId: string,
  recording: RunningRecording,
  by: RecordingStopper,
  opts: { room?: RoomState | undefined; lobby?: readonly string[] | undefined; nodeHint?: string | null | undefined } = {},
): Promise<RecordingState> {
  const state: RecordingState = { meetingId, recording: false, recordingId: null, startedAt: null };
  announceRecording(ctx, meetingId, state, opts);
  try {
    await ctx.sfu?.stopRecording(meetingId, opts.nodeHint);
  } catch (error) {
    // Compose what was written anyway: Janus flushes each packet, so the files hold everything up to now.
    ctx.logger.error({ err: error, meetingId, recordingId: recording.id }, "janus did not stop recording; composing what it wrote");
  }
  const stopped = await ctx.db.recordings.stop(recording.id, { stoppedById: by.userId, stoppedByName: by.name, at: ctx.clock.now() });
  ctx.logger.info({ meetingId, recordingId: recording.id, queued: stopped !== null }, "recording stopped; composing queued");
  return state;
}

/** `finishRecording` in the background, for paths that must not wait (leaving, the meeting ending); logs failures. */
export function finishRecordingSoon(ctx: ServerContext, meetingId: string, recording: RunningRecording, by: RecordingStopper, opts: Parameters<typeof finishRecording>[4] = {}): Promise<void> {
  return finishRecording(ctx, meetingId, recording, by, opts).then(
    () => undefined,
    (error: unknown) => ctx.logger.error({ err: error, meetingId, recordingId: recording.id }, "finishing a recording failed"),
  );
}
