import { DateTime } from "luxon";

/** The day's pattern per language (luxon tokens); languages without one use English order with their own names. */
const DAY_PATTERNS: Record<string, string> = { en: "ccc d LLL yyyy", de: "ccc, d. LLL yyyy", "zh-CN": "yyyy年M月d日 ccc" };

/** "Mon 30 Mar 2026" (en), "Mo., 30. März 2026" (de), "2026年3月30日 周一" (zh-CN) in the given zone. */
export function formatDay(instant: Date, zone: string, locale = "en"): string {
  return DateTime.fromJSDate(instant, { zone })
    .setLocale(locale)
    .toFormat(DAY_PATTERNS[locale] ?? DAY_PATTERNS.en!);
}

/** "09:00" (24 h, every language we speak writes it so) in the given zone. */
export function formatTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("HH:mm");
}

/** "09:00–09:45" in the given zone. */
export function formatTimeRange(start: Date, end: Date, zone: string): string {
  return `${formatTime(start, zone)}–${formatTime(end, zone)}`;
}
