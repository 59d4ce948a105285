import { DateTime } from "luxon";

/** "Mon 30 Mar 2026" in the given zone. */
export function formatDay(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("ccc d LLL yyyy");
}

/** "09:00" (24 h) in the given zone. */
export function formatTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("HH:mm");
}

/** "09:00–09:45" in the given zone. */
export function formatTimeRange(start: Date, end: Date, zone: string): string {
  return `${formatTime(start, zone)}–${formatTime(end, zone)}`;
}
