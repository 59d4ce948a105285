import type { MeetingChange, MeetingDetails, QueuedJob } from "@parley/db";
import { z } from "zod";
import { nextReminderJob } from "./meeting-reminders";

/** The worker task that sends meeting mail. */
export const MEETING_MAIL_TASK = "meeting_mail";

/**
 * A meeting as it was when the change committed. The mail is rendered from this snapshot, not from the
 * meeting's later state, so each message says exactly what that change meant.
 */
const meetingSnapshotSchema = z.object({
  id: z.uuid(),
  slug: z.string().min(1).max(100),
  title: z.string().min(1).max(200),
  description: z.string().max(5000).nullable(),
  startsAt: z.coerce.date(),
  durationMinutes: z.number().int().min(1).max(1440),
  timeZone: z.string().min(1).max(100),
  rrule: z.string().max(1000).nullable(),
  status: z.enum(["SCHEDULED", "CANCELLED"]),
  sequence: z.number().int().min(0),
  host: z.object({ name: z.string().max(500), email: z.email() }),
  invitees: z.array(z.object({ email: z.email(), rsvp: z.enum(["NEEDS_ACTION", "ACCEPTED", "TENTATIVE", "DECLINED"]) })).max(500),
  exceptions: z
    .array(
      z.object({
        originalStart: z.coerce.date(),
        cancelled: z.boolean(),
        startsAt: z.coerce.date().nullable(),
        durationMinutes: z.number().int().min(1).max(1440).nullable(),
      }),
    )
    .max(1000)
    .default([]),
});

export const meetingMailPayloadSchema = z.object({
  kind: z.enum(["invitation", "update", "cancellation"]),
  recipient: z.email(),
  meeting: meetingSnapshotSchema,
  /** Set when the mail is about one occurrence of the series (its original start, the RECURRENCE-ID). */
  occurrence: z.coerce.date().optional(),
});

export type MeetingMailPayload = z.infer<typeof meetingMailPayloadSchema>;
export type MeetingSnapshot = z.infer<typeof meetingSnapshotSchema>;
type Kind = MeetingMailPayload["kind"];

function snapshot(meeting: MeetingDetails): MeetingSnapshot {
  return {
    id: meeting.id,
    slug: meeting.slug,
    title: meeting.title,
    description: meeting.description,
    startsAt: meeting.startsAt,
    durationMinutes: meeting.durationMinutes,
    timeZone: meeting.timeZone,
    rrule: meeting.rrule,
    status: meeting.status,
    sequence: meeting.sequence,
    host: { name: meeting.host.name, email: meeting.host.email },
    invitees: meeting.invitees.map((i) => ({ email: i.email, rsvp: i.rsvp })),
    exceptions: meeting.exceptions,
  };
}

/** One job per (meeting, change, recipient, kind): the key makes a repeated enqueue or a retried job a no-op. */
function mailJob(meeting: MeetingSnapshot, recipient: string, kind: Kind, occurrence?: Date): QueuedJob {
  return {
    task: MEETING_MAIL_TASK,
    key: `meeting:${meeting.id}:${meeting.sequence}:${recipient}:${kind}`,
    // NOTE: JSON carries instants as ISO strings; the payload schema reads them back as dates.
    payload: JSON.parse(JSON.stringify({ kind, recipient, meeting, ...(occurrence ? { occurrence } : {}) })) as Record<string, unknown>,
  };
}

/** The reminder of the next occurrence, when the meeting has reminders and one is still ahead. */
const reminderJobs = (meeting: MeetingDetails, now: Date): QueuedJob[] => {
  const job = nextReminderJob(meeting, now);
  return job ? [job] : [];
};

/** A new meeting: every invitee gets the invitation; the first reminder is queued for its time. */
export function jobsForScheduled(meeting: MeetingDetails, now = new Date()): QueuedJob[] {
  const snap = snapshot(meeting);
  return [...meeting.invitees.map((i) => mailJob(snap, i.email, "invitation")), ...reminderJobs(meeting, now)];
}

const WHAT_INVITEES_SEE = ["title", "description", "durationMinutes", "timeZone", "rrule"] as const;

/** Whether the calendar entry itself changed (not only the invitee list, a passcode or the lobby). */
function scheduleChanged({ before, after }: MeetingChange): boolean {
  return before.startsAt.getTime() !== after.startsAt.getTime() || WHAT_INVITEES_SEE.some((field) => before[field] !== after[field]);
}

/**
 * An edit: new invitees get the invitation, removed ones a cancellation, and those who stay an update only
 * when what they see in their calendar changed.
 */
export function jobsForEdited(change: MeetingChange, now = new Date()): QueuedJob[] {
  const snap = snapshot(change.after);
  const before = new Set(change.before.invitees.map((i) => i.email));
  const after = new Set(change.after.invitees.map((i) => i.email));
  const changed = scheduleChanged(change);
  const jobs: QueuedJob[] = [];
  for (const email of after) {
    if (!before.has(email)) jobs.push(mailJob(snap, email, "invitation"));
    else if (changed) jobs.push(mailJob(snap, email, "update"));
  }
  for (const email of before) if (!after.has(email)) jobs.push(mailJob(snap, email, "cancellation"));
  // NOTE: replaces the queued reminder (same key), so a moved meeting is reminded of at its new time. A pending
  // reminder that no longer applies (reminders turned off) finds nothing to send when it runs.
  return [...jobs, ...reminderJobs(change.after, now)];
}

/**
 * One occurrence moved or cancelled: every invitee gets an update or a cancellation of that occurrence only, and the
 * reminder is queued again (the next occurrence may be the one that moved).
 */
export function jobsForOccurrenceChanged(meeting: MeetingDetails, originalStart: Date, now = new Date()): QueuedJob[] {
  const snap = snapshot(meeting);
  const cancelled = meeting.exceptions.find((e) => e.originalStart.getTime() === originalStart.getTime())?.cancelled ?? false;
  const kind: Kind = cancelled ? "cancellation" : "update";
  return [...meeting.invitees.map((i) => mailJob(snap, i.email, kind, originalStart)), ...reminderJobs(meeting, now)];
}

/** A cancelled meeting: every invitee gets the cancellation. */
export function jobsForCancelled(meeting: MeetingDetails): QueuedJob[] {
  const snap = snapshot(meeting);
  return meeting.invitees.map((i) => mailJob(snap, i.email, "cancellation"));
}
