import { occurrencesBetween } from "@/features/scheduling/recurrence";

type Schedule = { startsAt: Date; timeZone: string; rrule: string | null };

/** People join a little early: a presence up to this long before an occurrence's start belongs to it. */
export const EARLY_JOIN_MS = 60 * 60_000;
const MAX_LISTED = 30;
const SERIES_WALK_LIMIT = 2000;
// Every rule we schedule repeats at most yearly (INTERVAL < 100), so the next occurrence is within a century.
const NEXT_SEARCH_MS = 100 * 366 * 86_400_000;

/** The half-open span [from, to) whose joins and chat make up one occurrence's record; null ends are open. */
export type OccurrenceWindow = { start: Date; from: Date | null; to: Date | null };

/** Starts of the occurrences that have begun by `now` (plus the early-join margin), most recent first. */
export function heldOccurrences(schedule: Schedule, now: Date): Date[] {
  if (!schedule.rrule) return [schedule.startsAt];
  const until = new Date(now.getTime() + EARLY_JOIN_MS);
  const starts = occurrencesBetween(schedule, schedule.startsAt, until, SERIES_WALK_LIMIT);
  return starts.slice(-MAX_LISTED).reverse();
}

/**
 * The window of the occurrence starting at `start`: from its early-join margin to the next occurrence's, so every
 * presence and message falls into exactly one occurrence. A one-off meeting has a single, unbounded window.
 * Null when `start` is not an occurrence of the schedule.
 */
export function occurrenceWindow(schedule: Schedule, start: Date): OccurrenceWindow | null {
  if (!schedule.rrule) return start.getTime() === schedule.startsAt.getTime() ? { start, from: null, to: null } : null;
  const [found] = occurrencesBetween(schedule, start, new Date(start.getTime() + 1), 1);
  if (!found) return null;
  const [next] = occurrencesBetween(schedule, new Date(start.getTime() + 1), new Date(start.getTime() + NEXT_SEARCH_MS), 1);
  const first = start.getTime() === schedule.startsAt.getTime();
  return {
    start,
    from: first ? null : new Date(start.getTime() - EARLY_JOIN_MS),
    to: next ? new Date(next.getTime() - EARLY_JOIN_MS) : null,
  };
}

/** Reads the `at` search parameter (epoch milliseconds of an occurrence's start); null when absent or malformed. */
export function parseOccurrenceParam(value: string | string[] | undefined): Date | null {
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value)) return null;
  const date = new Date(Number(value));
  return Number.isNaN(date.getTime()) ? null : date;
}
