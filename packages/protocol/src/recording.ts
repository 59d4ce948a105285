import { z } from "zod";

/**
 * `recording:start` / `recording:stop` (host only). The meeting is named explicitly so a client acting on a stale
 * page never records another meeting than the one it believes it is in.
 */
export const recordingStartPayloadSchema = z.object({ meetingId: z.uuid() });
export type RecordingStartPayload = z.infer<typeof recordingStartPayloadSchema>;
export const recordingStopPayloadSchema = z.object({ meetingId: z.uuid() });
export type RecordingStopPayload = z.infer<typeof recordingStopPayloadSchema>;

/** `recording:state` (server → everyone in the room, lobby included): whether the call is being recorded. */
export const recordingStateSchema = z.object({
  meetingId: z.uuid(),
  recording: z.boolean(),
  /** Set while recording. */
  recordingId: z.uuid().nullable(),
  startedAt: z.iso.datetime().nullable(),
});
export type RecordingState = z.infer<typeof recordingStateSchema>;
