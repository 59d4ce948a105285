import { occurrencesOf, type ScheduleWithExceptions } from "./occurrences";
import { lastOccurrence } from "./recurrence";

/**
 * Where a meeting stands at `now`: the occurrence that is running or comes next, or (for a one-off meeting or a
 * finished series) the last one, which is over.
 */
export type MeetingTiming =
  | { phase: "before"; start: Date; end: Date }
  | { phase: "live"; start: Date; end: Date }
  | { phase: "ended"; start: Date; end: Date };

/** Further than any series we schedule reaches (COUNT, UNTIL ≤ 5 years, yearly intervals ≤ 99). */
const FAR_AHEAD_MS = 100 * 366 * 86_400_000;

type TimedMeeting = ScheduleWithExceptions;

/** The running or next occurrence of `meeting` at `now`; "ended" once the last occurrence is over. */
export function meetingTiming(meeting: TimedMeeting, now: Date): MeetingTiming {
  const durationMs = meeting.durationMinutes * 60_000;
  // NOTE: look back a day so a moved occurrence longer than the series' length is still seen while it runs.
  const running = occurrencesOf(meeting, new Date(now.getTime() - Math.max(durationMs, 86_400_000)), new Date(now.getTime() + FAR_AHEAD_MS), 50);
  const current = running.find((o) => o.end > now);
  if (current) return { phase: current.start > now ? "before" : "live", start: current.start, end: current.end };
  // NOTE: a series without an end always has a next occurrence, so lastOccurrence is not null here.
  const last = lastOccurrence(meeting) ?? meeting.startsAt;
  return { phase: "ended", start: last, end: new Date(last.getTime() + durationMs) };
}

/** "in 5 minutes", "in 3 hours", "in 2 days" (in `locale`): how far an occurrence is, for people deciding whether to wait. */
export function startsIn(start: Date, now: Date, locale = "en"): string {
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
  const minutes = Math.max(1, Math.ceil((start.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return relative.format(minutes, "minute");
  const hours = Math.round(minutes / 60);
  if (hours < 48) return relative.format(hours, "hour");
  return relative.format(Math.round(hours / 24), "day");
}
