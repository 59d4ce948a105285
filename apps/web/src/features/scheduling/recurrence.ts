import { DateTime } from "luxon";
import { RRule } from "rrule";

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number];

/** What the scheduling form offers; turned into an RFC 5545 RRULE on the server. */
export type RecurrenceChoice =
  | { frequency: "none" }
  | {
      frequency: "daily" | "weekly" | "monthly";
      interval: number;
      weekdays: WeekdayCode[];
      end: { type: "never" } | { type: "count"; count: number } | { type: "until"; date: string };
    };

const MAX_COUNT = 730;
const PART = {
  FREQ: /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^([1-9]|[1-9][0-9])$/,
  COUNT: /^[1-9][0-9]{0,2}$/,
  UNTIL: /^\d{8}T\d{6}Z$/,
  BYDAY: /^((-?[1-5])?(MO|TU|WE|TH|FR|SA|SU))(,(-?[1-5])?(MO|TU|WE|TH|FR|SA|SU))*$/,
  BYMONTHDAY: /^-?([1-9]|[12][0-9]|3[01])(,-?([1-9]|[12][0-9]|3[01]))*$/,
  WKST: /^(MO|SU)$/,
} as const;

export type RruleCheck = { ok: true; rrule: string } | { ok: false; message: string };

/**
 * Accepts the subset of RFC 5545 RRULEs we schedule (no DTSTART inside, no sub-daily frequencies) and
 * returns it normalised. Anything else is refused with a human-readable reason.
 */
export function checkRrule(input: string): RruleCheck {
  const text = input.trim().replace(/^RRULE:/i, "").toUpperCase();
  if (!text) return { ok: false, message: "Recurrence rule is empty." };
  const seen = new Map<string, string>();
  for (const pair of text.split(";")) {
    const [key, value, extra] = pair.split("=");
    if (!key || value === undefined || extra !== undefined) return { ok: false, message: `Malformed recurrence part "${pair}".` };
    if (!(key in PART)) return { ok: false, message: `Unsupported recurrence part "${key}".` };
    if (seen.has(key)) return { ok: false, message: `Recurrence part "${key}" appears twice.` };
    if (!PART[key as keyof typeof PART].test(value)) return { ok: false, message: `Invalid value for ${key}: "${value}".` };
    seen.set(key, value);
  }
  if (!seen.has("FREQ")) return { ok: false, message: "Recurrence rule needs FREQ." };
  if (seen.has("COUNT") && seen.has("UNTIL")) return { ok: false, message: "Use either COUNT or UNTIL, not both." };
  if (Number(seen.get("COUNT") ?? 1) > MAX_COUNT) return { ok: false, message: `At most ${MAX_COUNT} occurrences.` };
  try {
    RRule.parseString(text);
  } catch {
    return { ok: false, message: "Recurrence rule could not be parsed." };
  }
  return { ok: true, rrule: text };
}

/** Builds the RRULE for a form choice; UNTIL is the end of the chosen day in the meeting's zone. */
export function buildRrule(choice: RecurrenceChoice, timeZone: string): string | null {
  if (choice.frequency === "none") return null;
  const parts = [`FREQ=${choice.frequency.toUpperCase()}`];
  if (choice.interval > 1) parts.push(`INTERVAL=${choice.interval}`);
  if (choice.frequency === "weekly" && choice.weekdays.length > 0) parts.push(`BYDAY=${choice.weekdays.join(",")}`);
  if (choice.end.type === "count") parts.push(`COUNT=${choice.end.count}`);
  if (choice.end.type === "until") {
    const until = DateTime.fromISO(choice.end.date, { zone: timeZone }).endOf("day").toUTC();
    parts.push(`UNTIL=${until.toFormat("yyyyMMdd'T'HHmmss'Z'")}`);
  }
  return parts.join(";");
}

/** The UNTIL instant of an RRULE, if any. */
export function rruleUntil(rrule: string): Date | null {
  return RRule.parseString(rrule).until ?? null;
}

export type Schedule = { startsAt: Date; timeZone: string; rrule: string | null };

// NOTE: rrule.js has no real time-zone support, so we expand in "floating" wall-clock time (a UTC Date whose
// fields are the local wall clock) and convert each occurrence back with Luxon. That keeps 09:00 at 09:00 local
// across daylight-saving changes, which is what RFC 5545 says for a DTSTART with TZID.
function toFloating(instant: Date, zone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

function fromFloating(floating: Date, zone: string): Date {
  return DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
    },
    { zone },
  ).toJSDate();
}

/** Start instants of the occurrences that begin in [from, to), at most `limit`. */
export function occurrencesBetween(schedule: Schedule, from: Date, to: Date, limit = 200): Date[] {
  if (!schedule.rrule) {
    const start = schedule.startsAt;
    return start >= from && start < to ? [start] : [];
  }
  const options = RRule.parseString(schedule.rrule);
  if (options.until) options.until = toFloating(options.until, schedule.timeZone);
  const rule = new RRule({ ...options, dtstart: toFloating(schedule.startsAt, schedule.timeZone) });
  const DAY = 86_400_000;
  const result: Date[] = [];
  // Widen by a day on both sides: floating time is off from real time by at most the zone's offset.
  rule.between(new Date(from.getTime() - DAY), new Date(to.getTime() + DAY), true, (floating) => {
    const start = fromFloating(floating, schedule.timeZone);
    if (start >= from && start < to) result.push(start);
    return result.length < limit;
  });
  return result;
}

/** Start of the last occurrence, or null for a series without an end. */
export function lastOccurrence(schedule: Schedule): Date | null {
  if (!schedule.rrule) return schedule.startsAt;
  const options = RRule.parseString(schedule.rrule);
  if (!options.count && !options.until) return null;
  if (options.until) options.until = toFloating(options.until, schedule.timeZone);
  // NOTE: bounded by scheduling rules (COUNT ≤ 730, UNTIL ≤ 5 years), so walking the series is cheap.
  let last: Date | null = null;
  new RRule({ ...options, dtstart: toFloating(schedule.startsAt, schedule.timeZone) }).all((date, i) => {
    last = date;
    return i < 2000;
  });
  return last ? fromFloating(last, schedule.timeZone) : null;
}

/** Human summary, e.g. "Weekly on Monday, Wednesday · 10 times". */
export function describeRrule(rrule: string | null): string | null {
  if (!rrule) return null;
  try {
    const text = new RRule(RRule.parseString(rrule)).toText();
    return text.charAt(0).toUpperCase() + text.slice(1);
  } catch {
    return rrule;
  }
}

