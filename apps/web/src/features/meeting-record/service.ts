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
};

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
  const [presences, messages] = await Promise.all([
    db.participants.listJoinedBetween(meeting.id, occurrence),
    db.chat.transcript(meeting.id, occurrence),
  ]);
  return {
    meeting: { id: meeting.id, slug: meeting.slug, title: meeting.title, timeZone: meeting.timeZone },
    occurrence,
    occurrences,
    attendees: summarizeAttendance(presences, now),
    messages: messages.map(({ id, senderName, body, createdAt }) => ({ id, senderName, body, createdAt })),
  };
}
