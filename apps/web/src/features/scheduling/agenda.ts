import type { Meeting } from "@parley/db";
import { occurrencesOf, type OccurrenceException } from "./occurrences";
import { lastOccurrence } from "./recurrence";

type AgendaMeeting = Pick<Meeting, "id" | "startsAt" | "durationMinutes" | "timeZone" | "rrule" | "status"> &
  Partial<Pick<Meeting, "instant">> & { exceptions?: readonly OccurrenceException[] };

/** How close an occurrence is: running now, starting within STARTING_SOON_MINUTES, or later. */
export type AgendaStatus = "live" | "soon" | "later";
/** `originalStart` names the occurrence within its series (where it was before a move). */
export type AgendaItem<M> = { meeting: M; start: Date; end: Date; originalStart: Date; status: AgendaStatus };

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
    for (const { start, end, originalStart } of occurrencesOf(meeting, from, horizon, perMeeting)) {
      // A moved occurrence keeps its own length: still running is judged by its own end.
      if (end <= now) continue;
      upcoming.push({ meeting, start, end, originalStart, status: statusAt(start, now) });
    }
    const last = lastOccurrence(meeting);
    if (last && last.getTime() + durationMs <= now.getTime()) past.push(meeting);
  }
  upcoming.sort((a, b) => a.start.getTime() - b.start.getTime());
  past.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return { upcoming: upcoming.slice(0, limit), past };
}
