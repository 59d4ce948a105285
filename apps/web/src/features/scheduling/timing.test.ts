import { describe, expect, it } from "vitest";
import { meetingTiming, startsIn } from "./timing";

const oneOff = { startsAt: new Date("2026-03-20T09:00:00Z"), durationMinutes: 30, timeZone: "Europe/Berlin", rrule: null };
const weekly = { ...oneOff, startsAt: new Date("2026-03-16T08:00:00Z"), rrule: "FREQ=WEEKLY;COUNT=3" };

describe("meetingTiming", () => {
  it("says a one-off meeting is before, live, then ended", () => {
    expect(meetingTiming(oneOff, new Date("2026-03-20T08:00:00Z"))).toMatchObject({ phase: "before", start: oneOff.startsAt });
    expect(meetingTiming(oneOff, new Date("2026-03-20T09:29:00Z")).phase).toBe("live");
    expect(meetingTiming(oneOff, new Date("2026-03-20T09:30:00Z"))).toEqual({
      phase: "ended",
      start: oneOff.startsAt,
      end: new Date("2026-03-20T09:30:00Z"),
    });
  });

  it("points a series at its next occurrence (across the DST change) and ends after the last", () => {
    // Between the first and the second occurrence: the next is 09:00 Berlin in summer time (07:00 UTC).
    expect(meetingTiming(weekly, new Date("2026-03-17T12:00:00Z"))).toMatchObject({ phase: "before", start: new Date("2026-03-23T08:00:00Z") });
    expect(meetingTiming(weekly, new Date("2026-03-30T07:10:00Z"))).toMatchObject({ phase: "live", start: new Date("2026-03-30T07:00:00Z") });
    expect(meetingTiming(weekly, new Date("2026-04-01T00:00:00Z"))).toMatchObject({ phase: "ended", start: new Date("2026-03-30T07:00:00Z") });
  });

  it("never ends a series without an end", () => {
    const forever = { ...weekly, rrule: "FREQ=YEARLY" };
    expect(meetingTiming(forever, new Date("2040-01-01T00:00:00Z"))).toMatchObject({ phase: "before", start: new Date("2040-03-16T08:00:00Z") });
  });
});

describe("startsIn", () => {
  it("rounds to what a person would say", () => {
    const now = new Date("2026-03-20T09:00:00Z");
    expect(startsIn(new Date("2026-03-20T09:00:30Z"), now)).toBe("in 1 minute");
    expect(startsIn(new Date("2026-03-20T09:45:00Z"), now)).toBe("in 45 minutes");
    expect(startsIn(new Date("2026-03-20T12:00:00Z"), now)).toBe("in 3 hours");
    expect(startsIn(new Date("2026-03-25T09:00:00Z"), now)).toBe("in 5 days");
  });
});

describe("startsIn in other languages", () => {
  it("says it in German and Chinese", () => {
    const now = new Date("2026-03-20T09:00:00Z");
    expect(startsIn(new Date("2026-03-20T09:45:00Z"), now, "de")).toBe("in 45 Minuten");
    expect(startsIn(new Date("2026-03-20T12:00:00Z"), now, "zh-CN")).toBe("3小时后");
  });
});
