import { occurrencesBetween, type Schedule } from "./recurrence";

/** One occurrence of a series changed on its own (iTIP RECURRENCE-ID): cancelled (EXDATE) or moved. */
export type OccurrenceException = {
  /** The occurrence's start as the series generates it. */
  originalStart: Date;
  cancelled: boolean;
  /** New start and length of a moved occurrence; null when cancelled. */
  startsAt: Date | null;
  durationMinutes: number | null;
};

export type ScheduleWithExceptions = Schedule & { durationMinutes: number; exceptions?: readonly OccurrenceException[] };

/** An occurrence as people see it: where it is now, and which occurrence of the series it is. */
export type Occurrence = { start: Date; end: Date; originalStart: Date; moved: boolean };

/**
 * Occurrences that start in [from, to), at most `limit`, earliest first: the series with its cancelled occurrences
 * left out and moved ones at their new time (also when the move brought one in from outside the window).
 * The dashboard, the join page, reminders and the .ics all read the schedule through here, so they agree.
 */
export function occurrencesOf(meeting: ScheduleWithExceptions, from: Date, to: Date, limit = 200): Occurrence[] {
  const exceptions = new Map((meeting.exceptions ?? []).map((e) => [e.originalStart.getTime(), e]));
  const result: Occurrence[] = [];
  const add = (originalStart: Date) => {
    const exception = exceptions.get(originalStart.getTime());
    if (exception?.cancelled) return;
    const start = exception?.startsAt ?? originalStart;
    const length = (exception?.durationMinutes ?? meeting.durationMinutes) * 60_000;
    if (start >= from && start < to) result.push({ start, end: new Date(start.getTime() + length), originalStart, moved: !!exception?.startsAt });
  };
  for (const originalStart of occurrencesBetween(meeting, from, to, limit + exceptions.size)) add(originalStart);
  for (const exception of exceptions.values()) {
    const inWindow = exception.originalStart >= from && exception.originalStart < to;
    if (!inWindow && exception.startsAt) add(exception.originalStart);
  }
  return result.sort((a, b) => a.start.getTime() - b.start.getTime()).slice(0, limit);
}

/** Whether `originalStart` is an occurrence the series generates (cancelled or moved ones included). */
export function isSeriesOccurrence(meeting: Schedule, originalStart: Date): boolean {
  if (!meeting.rrule) return false;
  return occurrencesBetween(meeting, originalStart, new Date(originalStart.getTime() + 1), 1).length === 1;
}
