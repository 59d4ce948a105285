import type { RecordingState } from "@parley/protocol";
import { SignalingError } from "../errors";
import { roomStateOf } from "../rooms/room-state";
import { meetingOf, moderatorIn, requireModerator, type EventHandlers, type ServerContext } from "../context";
import type { SignalingSocket } from "../io";
import { announceRecording, finishRecording, lobbySockets, stopperOf } from "../rooms/recording";

type RecordingEvents = "recording:start" | "recording:stop";

/** The meeting named in the payload must be the socket's own: a stale page never records another meeting. */
function ownMeeting(socket: SignalingSocket, meetingId: string): string {
  const own = meetingOf(socket);
  if (own !== meetingId) throw new SignalingError("not_in_room", "You can only record the meeting you are in.");
  return own;
}

const isConflict = (error: unknown) => (error as { code?: unknown } | null)?.code === "conflict";

/**
 * Recording control for the host and co-hosts. Starting records the meeting through the SFU (a mesh call moves to it: the
 * make-before-break switch every client already does on `room:updated`), stores the recording's metadata and tells
 * everyone, lobby included. Refusals (guest, other meeting, already recording, no SFU) change nothing.
 */
export function recordingHandlers(ctx: ServerContext): Pick<EventHandlers, RecordingEvents> {
  return {
    "recording:start": async (socket, { meetingId: requested }) => {
      const meetingId = ownMeeting(socket, requested);
      const { room: current, member } = await requireModerator(ctx, socket);
      const sfu = ctx.sfu;
      if (!sfu?.canRecord) throw SignalingError.recordingUnavailable();
      if (current.recording) throw SignalingError.recordingActive();
      const userId = member.subject.startsWith("user:") ? member.subject.slice("user:".length) : null;
      const stored = await ctx.db.recordings
        .start({ meetingId, occurrenceStart: ctx.clock.now(), startedById: userId, startedByName: member.name })
        .catch((error: unknown) => {
          if (isConflict(error)) throw SignalingError.recordingActive();
          throw error;
        });
      const startedAt = stored.startedAt.toISOString();
      try {
        const { roomState, lobby } = await ctx.rooms.update(meetingId, (latest) => {
          const { room } = moderatorIn(latest, socket);
          if (room.recording) throw SignalingError.recordingActive();
          room.recording = { id: stored.id, startedAt };
          // The server needs every stream: a mesh call moves to the SFU and stays there.
          room.topology = "sfu";
          return { room, result: { roomState: roomStateOf(room), lobby: lobbySockets(room) } };
        });
        // NOTE: announced once Janus records (or could not be reached: then the media room records from its
        // creation, see SfuPeers), so the indicator never shows before the first recorded frame could be.
        await sfu.startRecording(meetingId, stored.id).catch((error: unknown) => {
          ctx.logger.warn({ err: error, meetingId, recordingId: stored.id }, "janus could not start recording now; the media room records once it is created");
        });
        const state: RecordingState = { meetingId, recording: true, recordingId: stored.id, startedAt };
        announceRecording(ctx, meetingId, state, { room: roomState, lobby });
        ctx.logger.info({ meetingId, recordingId: stored.id, by: member.id }, "recording started");
        return state;
      } catch (error) {
        // The room refused (host left meanwhile, or a second start won): nothing was recorded, the row goes.
        await ctx.db.recordings.cancel(stored.id).catch(() => undefined);
        throw error;
      }
    },

    "recording:stop": async (socket, { meetingId: requested }) => {
      const meetingId = ownMeeting(socket, requested);
      const { member } = await requireModerator(ctx, socket);
      const { stopped, roomState, lobby } = await ctx.rooms.update(meetingId, (latest) => {
        const { room } = moderatorIn(latest, socket);
        if (!room.recording) throw SignalingError.notRecording();
        const stopped = room.recording;
        delete room.recording;
        return { room, result: { stopped, roomState: roomStateOf(room), lobby: lobbySockets(room) } };
      });
      ctx.logger.info({ meetingId, recordingId: stopped.id, by: member.id }, "recording stopped by host");
      return finishRecording(ctx, meetingId, stopped, stopperOf(member), { room: roomState, lobby });
    },
  };
}
