import type { Meeting } from "@parley/db";
import { lastOccurrence, occurrencesBetween } from "./recurrence";

type AgendaMeeting = Pick<Meeting, "id" | "startsAt" | "durationMinutes" | "timeZone" | "rrule" | "status">;

export type AgendaItem<M> = { meeting: M; start: Date; end: Date };

/**
 * The dashboard's view: upcoming occurrences (recurring meetings expanded, one that is running now included)
 * within `horizonDays` (at most `perMeeting` of one series, so a daily stand-up does not bury the rest), and past meetings (ended series, one-offs that are over, cancelled ones), newest first.
 */
export function buildAgenda<M extends AgendaMeeting>(
  meetings: M[],
  now: Date,
  { horizonDays = 366, perMeeting = 8, limit = 100 } = {},
) {
  const upcoming: AgendaItem<M>[] = [];
  const past: M[] = [];
  const horizon = new Date(now.getTime() + horizonDays * 86_400_000);
  for (const meeting of meetings) {
    const durationMs = meeting.durationMinutes * 60_000;
    if (meeting.status === "CANCELLED") {
      past.push(meeting);
      continue;
    }
    const from = new Date(now.getTime() - durationMs); // still running counts as upcoming
    for (const start of occurrencesBetween(meeting, from, horizon, perMeeting)) {
      upcoming.push({ meeting, start, end: new Date(start.getTime() + durationMs) });
    }
    const last = lastOccurrence(meeting);
    if (last && last.getTime() + durationMs <= now.getTime()) past.push(meeting);
  }
  upcoming.sort((a, b) => a.start.getTime() - b.start.getTime());
  past.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return { upcoming: upcoming.slice(0, limit), past };
}
