import { describe, expect, it } from "vitest";
import { buildRrule, checkRrule, lastOccurrence, occurrencesBetween } from "./recurrence";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe("occurrencesBetween", () => {
  it("keeps a weekly 09:00 Berlin meeting at 09:00 local across the March DST change", () => {
    const schedule = {
      startsAt: new Date("2026-03-16T08:00:00Z"), // Monday 09:00 CET
      timeZone: "Europe/Berlin",
      rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
    };
    const got = occurrencesBetween(schedule, new Date("2026-01-01Z"), new Date("2027-01-01Z"));
    expect(iso(got)).toEqual([
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z", // CEST from 29 March
      "2026-04-06T07:00:00.000Z",
    ]);
  });

  it("handles the November change in New York and a window in the middle of a series", () => {
    const schedule = {
      startsAt: new Date("2026-10-26T13:30:00Z"), // Monday 09:30 EDT
      timeZone: "America/New_York",
      rrule: "FREQ=DAILY;INTERVAL=7",
    };
    const got = occurrencesBetween(schedule, new Date("2026-10-30Z"), new Date("2026-11-10Z"));
    expect(iso(got)).toEqual(["2026-11-02T14:30:00.000Z", "2026-11-09T14:30:00.000Z"]);
  });

  it("honours UNTIL as an instant and returns the single start of a one-off meeting", () => {
    const rrule = buildRrule(
      { frequency: "weekly", interval: 1, weekdays: ["TU", "TH"], end: { type: "until", date: "2026-06-11" } },
      "Asia/Tokyo",
    );
    expect(rrule).toBe("FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260611T145959Z");
    const schedule = { startsAt: new Date("2026-06-02T01:00:00Z"), timeZone: "Asia/Tokyo", rrule };
    expect(occurrencesBetween(schedule, new Date("2026-01-01Z"), new Date("2027-01-01Z"))).toHaveLength(4);
    expect(lastOccurrence(schedule)?.toISOString()).toBe("2026-06-11T01:00:00.000Z");
    const once = { startsAt: new Date("2026-06-02T01:00:00Z"), timeZone: "UTC", rrule: null };
    expect(occurrencesBetween(once, new Date("2026-06-01Z"), new Date("2026-06-03Z"))).toHaveLength(1);
  });
});

describe("checkRrule", () => {
  it.each([
    ["FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", true],
    ["RRULE:freq=monthly;bymonthday=15", true],
    ["FREQ=SECONDLY", false],
    ["FREQ=WEEKLY;BYDAY=XX", false],
    ["FREQ=WEEKLY;COUNT=3;UNTIL=20260101T000000Z", false],
    ["BYDAY=MO", false],
    ["FREQ=DAILY;FREQ=WEEKLY", false],
    ["FREQ=DAILY;DTSTART=20260101T000000Z", false],
    ["not a rule", false],
    ["", false],
  ])("%s → %s", (rule, ok) => {
    expect(checkRrule(rule).ok).toBe(ok);
  });
});
