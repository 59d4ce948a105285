import type { Db, MeetingDetails, QueuedJob } from "@parley/db";
import { createElement } from "react";
import { z } from "zod";
import { oneLine } from "@/features/scheduling/ics";
import { occurrencesOf } from "@/features/scheduling/occurrences";
import { startsIn } from "@/features/scheduling/timing";
import { formatDay, formatTimeRange } from "@/lib/format";
import type { OutgoingMail } from "@/server/mail/outgoing-mail";
import { renderEmail } from "@/server/mail/render";
import { ReminderEmail } from "./emails/reminder-email";

/** The worker task that mails the reminders of one occurrence, then queues the next occurrence's. */
export const MEETING_REMINDER_TASK = "meeting_reminder";

export const reminderPayloadSchema = z.object({
  meetingId: z.uuid(),
  /** Start of the occurrence the reminder is for. */
  occurrence: z.iso.datetime().transform((value) => new Date(value)),
});
export type ReminderPayload = z.infer<typeof reminderPayloadSchema>;

type RemindedMeeting = Pick<MeetingDetails, "id" | "startsAt" | "durationMinutes" | "timeZone" | "rrule" | "status" | "reminderMinutes" | "exceptions">;

/** One pending reminder job per meeting: an edit replaces it, so only the current schedule is reminded of. */
export const reminderJobKey = (meetingId: string) => `reminder:${meetingId}`;

/**
 * The reminder job for the first occurrence after `after` whose reminder time is still ahead of `now`,
 * or none (no reminders, cancelled, or no occurrence left).
 */
export function nextReminderJob(meeting: RemindedMeeting, now: Date, after?: Date): QueuedJob | null {
  if (meeting.status !== "SCHEDULED" || meeting.reminderMinutes === null) return null;
  const offsetMs = meeting.reminderMinutes * 60_000;
  // Occurrences whose reminder time has passed are skipped: a reminder after the start helps nobody.
  const from = new Date(Math.max(now.getTime() + offsetMs, (after?.getTime() ?? -Infinity) + 1));
  const occurrence = occurrencesOf(meeting, from, new Date(from.getTime() + 100 * 366 * 86_400_000), 1)[0]?.start;
  if (!occurrence) return null;
  return {
    task: MEETING_REMINDER_TASK,
    key: reminderJobKey(meeting.id),
    keyMode: "replace",
    runAt: new Date(occurrence.getTime() - offsetMs),
    payload: { meetingId: meeting.id, occurrence: occurrence.toISOString() },
  };
}

/** Who is reminded: the host and every invitee who has not declined. */
function recipients(meeting: MeetingDetails): string[] {
  return [meeting.host.email, ...meeting.invitees.filter((i) => i.rsvp !== "DECLINED").map((i) => i.email)];
}

export type ReminderContext = { db: Db; publicUrl: string; now?: Date };

/**
 * Mails the reminders for one occurrence (each once: the key is meeting, occurrence, recipient and kind) and returns
 * the next occurrence's job. Nothing is sent when the meeting was cancelled, its reminders turned off, or the
 * occurrence is no longer part of its schedule or already over.
 */
export async function remindersFor(payload: ReminderPayload, context: ReminderContext): Promise<{ mails: OutgoingMail[]; next: QueuedJob | null }> {
  const now = context.now ?? new Date();
  const meeting = await context.db.meetings.findById(payload.meetingId);
  if (!meeting || meeting.status !== "SCHEDULED" || meeting.reminderMinutes === null) return { mails: [], next: null };
  const start = payload.occurrence;
  // The occurrence as it stands now: cancelled or moved since the job was queued, it is not reminded of here.
  const occurrence = occurrencesOf(meeting, start, new Date(start.getTime() + 1), 1)[0];
  const stillScheduled = occurrence !== undefined;
  const end = occurrence?.end ?? new Date(start.getTime() + meeting.durationMinutes * 60_000);
  const next = nextReminderJob(meeting, now, start);
  if (!stillScheduled || end <= now) return { mails: [], next };

  const joinUrl = new URL(`/m/${meeting.slug}`, context.publicUrl).toString();
  const title = oneLine(meeting.title);
  const when = `${formatDay(start, meeting.timeZone)} · ${formatTimeRange(start, end, meeting.timeZone)} (${meeting.timeZone.replaceAll("_", " ")})`;
  const soon = start > now ? `starts ${startsIn(start, now)}` : "has started";
  const { html, text } = await renderEmail(createElement(ReminderEmail, { title, when, soon, joinUrl }));
  const mails = recipients(meeting).map((to) => ({
    key: `meeting:${meeting.id}:${start.toISOString()}:${to}:reminder`,
    to,
    subject: `Reminder: ${title} ${soon}`,
    html,
    text,
    meetingId: meeting.id,
  }));
  return { mails, next };
}
