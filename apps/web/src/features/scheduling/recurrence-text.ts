import { DateTime } from "luxon";
import type { createTranslator } from "next-intl";
import { RRule } from "rrule";
import type messages from "../../../messages/en.json";

type RecurrenceTranslator = ReturnType<typeof createTranslator<typeof messages, "recurrence">>;

const FREQUENCIES = { [RRule.DAILY]: "daily", [RRule.WEEKLY]: "weekly", [RRule.MONTHLY]: "monthly", [RRule.YEARLY]: "yearly" } as const;
// rrule.js numbers weekdays from Monday = 0; 2024-01-01 was a Monday.
const weekdayName = (day: number, locale: string) => DateTime.fromISO("2024-01-01").plus({ days: day }).setLocale(locale).toFormat("cccc");

/**
 * "Weekly on Monday and Thursday, 4 times" in the reader's language, for the subset of RRULEs we schedule
 * (checkRrule): frequency, interval, weekdays, count or until. Null without a rule; the rule itself if unreadable.
 */
export function describeRecurrence(rrule: string | null, t: RecurrenceTranslator, locale: string, zone: string): string | null {
  if (!rrule) return null;
  try {
    const options = RRule.parseString(rrule);
    const frequency = FREQUENCIES[options.freq as keyof typeof FREQUENCIES];
    if (!frequency) return rrule;
    const parts = [t(frequency, { interval: options.interval ?? 1 })];
    const days = ([] as unknown[]).concat(options.byweekday ?? []).map((d) => (typeof d === "number" ? d : (d as { weekday: number }).weekday));
    if (days.length > 0) {
      parts[0] = t("on", { frequency: parts[0]!, days: new Intl.ListFormat(locale, { type: "conjunction" }).format(days.map((d) => weekdayName(d, locale))) });
    }
    if (options.count) parts.push(t("count", { count: options.count }));
    if (options.until) parts.push(t("until", { date: DateTime.fromJSDate(options.until, { zone }).setLocale(locale).toLocaleString(DateTime.DATE_MED) }));
    return parts.join(t("separator"));
  } catch {
    return rrule;
  }
}
