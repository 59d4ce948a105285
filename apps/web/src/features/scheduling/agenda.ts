import type { Meeting } from "@parley/db";
import { lastOccurrence, occurrencesBetween } from "./recurrence";

type AgendaMeeting = Pick<Meeting, "id" | "startsAt" | "durationMinutes" | "timeZone" | "rrule" | "status"> & Partial<Pick<Meeting, "instant">>;

/** How close an occurrence is: running now, starting within STARTING_SOON_MINUTES, or later. */
export type AgendaStatus = "live" | "soon" | "later";
export type AgendaItem<M> = { meeting: M; start: Date; end: Date; status: AgendaStatus };

/** The dashboard marks occurrences this close as "Starting soon". */
export const STARTING_SOON_MINUTES = 15;

function statusAt(start: Date, now: Date): AgendaStatus {
  if (start <= now) return "live";
  return start.getTime() - now.getTime() <= STARTING_SOON_MINUTES * 60_000 ? "soon" : "later";
}

/**
 * The dashboard's view: upcoming occurrences (recurring meetings expanded, one that is running now included)
 * within `horizonDays` (at most `perMeeting` of one series, so a daily stand-up does not bury the rest), and past meetings (ended series, one-offs that are over, cancelled ones), newest first.
 * An instant meeting whose call is over (`callsOver`: someone joined, everyone left) is past, whatever its hour.
 */
export function buildAgenda<M extends AgendaMeeting>(
  meetings: M[],
  now: Date,
  { horizonDays = 366, perMeeting = 8, limit = 100, callsOver = new Set<string>() as ReadonlySet<string> } = {},
) {
  const upcoming: AgendaItem<M>[] = [];
  const past: M[] = [];
  const horizon = new Date(now.getTime() + horizonDays * 86_400_000);
  for (const meeting of meetings) {
    const durationMs = meeting.durationMinutes * 60_000;
    if (meeting.status === "CANCELLED" || (meeting.instant && callsOver.has(meeting.id))) {
      past.push(meeting);
      continue;
    }
    const from = new Date(now.getTime() - durationMs); // still running counts as upcoming
    for (const start of occurrencesBetween(meeting, from, horizon, perMeeting)) {
      upcoming.push({ meeting, start, end: new Date(start.getTime() + durationMs), status: statusAt(start, now) });
    }
    const last = lastOccurrence(meeting);
    if (last && last.getTime() + durationMs <= now.getTime()) past.push(meeting);
  }
  upcoming.sort((a, b) => a.start.getTime() - b.start.getTime());
  past.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return { upcoming: upcoming.slice(0, limit), past };
}
