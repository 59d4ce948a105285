import { describe, expect, it } from "vitest";
import { buildAgenda } from "./agenda";

const base = { durationMinutes: 30, timeZone: "Europe/Berlin", status: "SCHEDULED" as const };

describe("buildAgenda", () => {
  it("expands recurring meetings, keeps running ones upcoming and sorts past ones newest first", () => {
    const now = new Date("2026-03-20T12:00:00Z");
    const weekly = { ...base, id: "weekly", startsAt: new Date("2026-03-16T08:00:00Z"), rrule: "FREQ=WEEKLY;COUNT=3" };
    const running = { ...base, id: "running", startsAt: new Date("2026-03-20T11:45:00Z"), rrule: null };
    const over = { ...base, id: "over", startsAt: new Date("2026-03-19T08:00:00Z"), rrule: null };
    const cancelled = { ...base, id: "cancelled", startsAt: new Date("2026-03-25T08:00:00Z"), rrule: null, status: "CANCELLED" as const };
    const { upcoming, past } = buildAgenda([weekly, running, over, cancelled], now);
    expect(upcoming.map((u) => [u.meeting.id, u.start.toISOString()])).toEqual([
      ["running", "2026-03-20T11:45:00.000Z"],
      ["weekly", "2026-03-23T08:00:00.000Z"],
      ["weekly", "2026-03-30T07:00:00.000Z"],
    ]);
    expect(past.map((m) => m.id)).toEqual(["cancelled", "over"]);
  });

  it("moves an instant meeting whose call is over out of upcoming before its hour is up", () => {
    const now = new Date("2026-03-20T12:00:00Z");
    const instant = { ...base, id: "instant", startsAt: new Date("2026-03-20T11:50:00Z"), durationMinutes: 60, rrule: null, instant: true };
    const scheduled = { ...instant, id: "scheduled", instant: false };
    expect(buildAgenda([instant, scheduled], now).upcoming.map((u) => u.meeting.id)).toEqual(["instant", "scheduled"]);
    const { upcoming, past } = buildAgenda([instant, scheduled], now, { callsOver: new Set(["instant", "scheduled"]) });
    expect(upcoming.map((u) => u.meeting.id)).toEqual(["scheduled"]);
    expect(past.map((m) => m.id)).toEqual(["instant"]);
  });

  it("marks what is running and what starts within 15 minutes", () => {
    const now = new Date("2026-03-20T12:00:00Z");
    const at = (id: string, iso: string) => ({ ...base, id, startsAt: new Date(iso), rrule: null });
    const { upcoming } = buildAgenda(
      [at("live", "2026-03-20T11:50:00Z"), at("soon", "2026-03-20T12:15:00Z"), at("later", "2026-03-20T12:16:00Z")],
      now,
    );
    expect(upcoming.map((u) => [u.meeting.id, u.status])).toEqual([
      ["live", "live"],
      ["soon", "soon"],
      ["later", "later"],
    ]);
  });
});
