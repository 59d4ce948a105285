import "server-only";
import type { Db } from "@parley/db";
import { z } from "zod";
import { summarizeAttendance, type Attendee } from "./attendance";
import { heldOccurrences, occurrenceWindow, type OccurrenceWindow } from "./occurrences";

export type MeetingRecord = {
  meeting: { id: string; slug: string; title: string; timeZone: string };
  occurrence: OccurrenceWindow;
  /** Other occurrences that have begun, most recent first, for switching between records. */
  occurrences: Date[];
  attendees: Attendee[];
  messages: { id: string; senderName: string; body: string; createdAt: Date }[];
  /** Recordings started during this occurrence, newest first. */
  recordings: RecordingView[];
};

/** What the record page shows of a recording (never its file name: the file is only reached through its id). */
export type RecordingView = {
  id: string;
  state: "RECORDING" | "PROCESSING" | "READY" | "FAILED";
  progress: number;
  startedAt: Date;
  stoppedAt: Date | null;
  startedByName: string;
  durationMs: number | null;
  sizeBytes: number | null;
  failureReason: string | null;
};

const within = (at: Date, { from, to }: OccurrenceWindow) => (!from || at >= from) && (!to || at < to);

/**
 * The record of one occurrence for its host, or null (unknown meeting, someone else's, or not an occurrence):
 * callers answer 404 in every case, so a foreign meeting looks exactly like a missing one.
 */
export async function loadMeetingRecord(db: Db, userId: string, meetingId: string, at: Date | null, now = new Date()): Promise<MeetingRecord | null> {
  if (!z.uuid().safeParse(meetingId).success) return null;
  const meeting = await db.meetings.findById(meetingId);
  if (!meeting || meeting.hostId !== userId) return null;
  const occurrences = heldOccurrences(meeting, now);
  const start = at ?? occurrences[0] ?? meeting.startsAt;
  const occurrence = occurrenceWindow(meeting, start);
  if (!occurrence) return null;
  const [presences, messages, recordings] = await Promise.all([
    db.participants.listJoinedBetween(meeting.id, occurrence),
    db.chat.transcript(meeting.id, occurrence),
    db.recordings.listForMeeting(meeting.id),
  ]);
  return {
    meeting: { id: meeting.id, slug: meeting.slug, title: meeting.title, timeZone: meeting.timeZone },
    occurrence,
    occurrences,
    attendees: summarizeAttendance(presences, now),
    messages: messages.map(({ id, senderName, body, createdAt }) => ({ id, senderName, body, createdAt })),
    // An occurrence owns the recordings started in its window, as it owns the joins and messages.
    recordings: recordings
      .filter((r) => within(r.startedAt, occurrence))
      .map((r) => ({
        id: r.id,
        state: r.state,
        progress: r.progress,
        startedAt: r.startedAt,
        stoppedAt: r.stoppedAt,
        startedByName: r.startedByName,
        durationMs: r.durationMs,
        sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes),
        failureReason: r.failureReason,
      })),
  };
}
