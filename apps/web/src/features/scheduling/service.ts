import type { Db, Meeting, OccurrenceChange } from "@parley/db";
import { DateTime } from "luxon";
import { z } from "zod";
import { jobsForCancelled, jobsForEdited, jobsForOccurrenceChanged, jobsForScheduled } from "@/features/notifications/meeting-mail-jobs";
import { hashPasscode } from "@parley/join-auth";
import { meetingInputSchema, type MeetingInput } from "./meeting-input";
import { isSeriesOccurrence } from "./occurrences";
import { checkRrule, occurrencesBetween, rruleUntil } from "./recurrence";
import { newMeetingSlug } from "./slug";

export type FieldErrors = Partial<Record<keyof MeetingInput | "form", string>>;
export type SchedulingError =
  | { code: "invalid_input"; fieldErrors: FieldErrors }
  | { code: "not_found" | "forbidden" | "cancelled" | "unknown_occurrence" };
export type SchedulingResult<T> = { ok: true; value: T } | { ok: false; error: SchedulingError };

const MAX_SERIES_YEARS = 5;

/** A meeting as the form describes it, resolved into what is stored (the passcode still in the clear). */
type ResolvedMeeting = Pick<
  Meeting,
  "title" | "description" | "startsAt" | "durationMinutes" | "timeZone" | "rrule" | "lobbyEnabled" | "mediaMode" | "reminderMinutes"
> & { invitees: string[]; cohosts: string[]; passcode: string | null };

const invalid = (fieldErrors: FieldErrors): { ok: false; error: SchedulingError } => ({
  ok: false,
  error: { code: "invalid_input", fieldErrors },
});

function wallClock(date: string, time: string, zone: string): DateTime | null {
  const value = DateTime.fromISO(`${date}T${time}`, { zone });
  // NOTE: Luxon silently moves a time inside a DST gap (02:30 on a spring-forward day); treat that as invalid.
  if (!value.isValid || value.toFormat("yyyy-MM-dd'T'HH:mm") !== `${date}T${time}`) return null;
  return value;
}

/** Validates and resolves wall-clock input into instants; every rule a meeting must satisfy lives here. */
export function resolveMeetingInput(input: unknown): SchedulingResult<ResolvedMeeting> {
  const parsed = meetingInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = (issue.path[0] as keyof FieldErrors | undefined) ?? "form";
      fieldErrors[key] ??= issue.message;
    }
    return invalid(fieldErrors);
  }
  const v = parsed.data;
  const start = wallClock(v.date, v.startTime, v.timeZone);
  if (!start) return invalid({ startTime: `That start time does not exist in ${v.timeZone} (the clocks change)` });
  const end = wallClock(v.date, v.endTime, v.timeZone);
  if (!end) return invalid({ endTime: `That end time does not exist in ${v.timeZone} (the clocks change)` });
  if (end <= start) return invalid({ endTime: "End must be after start" });

  let rrule: string | null = null;
  if (v.rrule) {
    const checked = checkRrule(v.rrule);
    if (!checked.ok) return invalid({ rrule: checked.message });
    const until = rruleUntil(checked.rrule);
    if (until && until < start.toJSDate()) return invalid({ rrule: "The series ends before the first meeting" });
    // Bounded series keep expansion cheap (the dashboard and .ics expand them on every request).
    if (until && until > start.plus({ years: MAX_SERIES_YEARS }).toJSDate()) {
      return invalid({ rrule: `A series can run for at most ${MAX_SERIES_YEARS} years` });
    }
    // RFC 5545 counts DTSTART as the first occurrence even when the rule would skip it (calendar apps show it);
    // rrule.js does not (our dashboard would not). Refuse the mismatch instead of showing two different series.
    const startsAt = start.toJSDate();
    if (occurrencesBetween({ startsAt, timeZone: v.timeZone, rrule: checked.rrule }, startsAt, new Date(startsAt.getTime() + 1)).length === 0) {
      return invalid({ rrule: `The first meeting is on a ${start.toFormat("cccc")}: make it one of the repeat days, or move the date` });
    }
    rrule = checked.rrule;
  }
  return {
    ok: true,
    value: {
      title: v.title,
      description: v.description,
      startsAt: start.toJSDate(),
      durationMinutes: Math.round(end.diff(start, "minutes").minutes),
      timeZone: v.timeZone,
      rrule,
      invitees: v.invitees,
      cohosts: v.cohosts,
      lobbyEnabled: v.lobbyEnabled,
      mediaMode: v.largeMeeting ? "SFU" : "AUTO",
      reminderMinutes: v.reminderMinutes,
      passcode: v.passcode,
    },
  };
}

/**
 * Schedules a meeting hosted by `hostId` and queues its invitations in the same transaction.
 * Nothing is written when the input is refused.
 */
export async function scheduleMeeting(db: Db, hostId: string, input: unknown) {
  const resolved = resolveMeetingInput(input);
  if (!resolved.ok) return resolved;
  const { passcode, ...fields } = resolved.value;
  const meeting = await db.meetings.create({
    ...fields,
    hostId,
    slug: newMeetingSlug(),
    instant: false,
    passcodeHash: passcode ? await hashPasscode(passcode) : null,
  }, { jobs: jobsForScheduled });
  return { ok: true as const, value: meeting };
}

/** Starts a meeting right now (Zoom's "New meeting"): one hour, in the host's zone. */
export async function startInstantMeeting(db: Db, host: { id: string; name: string; timeZone: string }) {
  return db.meetings.create({
    hostId: host.id,
    slug: newMeetingSlug(),
    title: `${host.name}'s meeting`,
    description: null,
    startsAt: new Date(),
    durationMinutes: 60,
    timeZone: host.timeZone,
    rrule: null,
    lobbyEnabled: false,
    passcodeHash: null,
    instant: true,
    reminderMinutes: null,
    invitees: [],
  });
}

/**
 * Edits a meeting; only its host may (enforced by the repository's host check, in one transaction). Invitees
 * whose calendar entry changed get an update, new ones an invitation, removed ones a cancellation.
 * `keepPasscode` leaves an existing passcode untouched when the form leaves the field empty.
 */
export async function updateMeeting(
  db: Db,
  hostId: string,
  meetingId: string,
  input: unknown,
  options: { keepPasscode: boolean } = { keepPasscode: false },
) {
  const resolved = resolveMeetingInput(input);
  if (!resolved.ok) return resolved;
  const { passcode, ...fields } = resolved.value;
  const passcodeHash = passcode ? await hashPasscode(passcode) : options.keepPasscode ? undefined : null;
  const result = await db.meetings.updateAsHost(hostId, meetingId, {
    ...fields,
    ...(passcodeHash === undefined ? {} : { passcodeHash }),
  }, { jobs: jobsForEdited });
  return result.ok
    ? { ok: true as const, value: result.meeting }
    : { ok: false as const, error: { code: result.error } as SchedulingError };
}

/** Cancels a meeting (keeps the record) and queues the cancellation to every invitee; only its host may. */
export async function cancelMeeting(db: Db, hostId: string, meetingId: string) {
  const result = await db.meetings.cancelAsHost(hostId, meetingId, { jobs: jobsForCancelled });
  return result.ok
    ? { ok: true as const, value: result.meeting }
    : { ok: false as const, error: { code: result.error } as SchedulingError };
}

/** Which occurrence of a series (its original start) and what happens to it: cancelled, or moved (wall-clock). */
const occurrenceInputSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("cancel"), occurrence: z.iso.datetime() }),
  z.object({
    action: z.literal("move"),
    occurrence: z.iso.datetime(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Date must look like 2026-03-30"),
    startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Start time must look like 09:30"),
    endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "End time must look like 10:30"),
  }),
]);
export type OccurrenceInput = z.input<typeof occurrenceInputSchema>;

/**
 * Cancels or moves one occurrence of a series ("this occurrence", not the whole series); only its host may.
 * Invitees get an iTIP update or cancellation with that occurrence's RECURRENCE-ID. An instant that is not an
 * occurrence of the series is refused with `unknown_occurrence` and nothing changes.
 */
export async function changeOccurrence(db: Db, hostId: string, meetingId: string, input: unknown) {
  const parsed = occurrenceInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) fieldErrors[(issue.path[0] as keyof FieldErrors | undefined) ?? "form"] ??= issue.message;
    return invalid(fieldErrors);
  }
  const meeting = await db.meetings.findById(meetingId);
  if (!meeting) return { ok: false as const, error: { code: "not_found" } as SchedulingError };
  if (meeting.hostId !== hostId) return { ok: false as const, error: { code: "forbidden" } as SchedulingError };
  const originalStart = new Date(parsed.data.occurrence);
  if (!isSeriesOccurrence(meeting, originalStart)) return { ok: false as const, error: { code: "unknown_occurrence" } as SchedulingError };

  let change: OccurrenceChange = { originalStart, cancelled: true };
  if (parsed.data.action === "move") {
    const { date, startTime, endTime } = parsed.data;
    const start = wallClock(date, startTime, meeting.timeZone);
    if (!start) return invalid({ startTime: `That start time does not exist in ${meeting.timeZone} (the clocks change)` });
    const end = wallClock(date, endTime, meeting.timeZone);
    if (!end) return invalid({ endTime: `That end time does not exist in ${meeting.timeZone} (the clocks change)` });
    if (end <= start) return invalid({ endTime: "End must be after start" });
    const durationMinutes = Math.round(end.diff(start, "minutes").minutes);
    if (durationMinutes > 1440) return invalid({ endTime: "A meeting lasts at most a day" });
    change = { originalStart, cancelled: false, startsAt: start.toJSDate(), durationMinutes };
  }
  const result = await db.meetings.changeOccurrenceAsHost(hostId, meetingId, change, {
    jobs: (written) => jobsForOccurrenceChanged(written, originalStart),
  });
  return result.ok
    ? { ok: true as const, value: result.meeting }
    : { ok: false as const, error: { code: result.error } as SchedulingError };
}
