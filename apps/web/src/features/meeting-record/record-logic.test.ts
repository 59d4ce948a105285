import { describe, expect, it } from "vitest";
import { EMPTY_QUALITY_TOTALS } from "@parley/db/quality";
import { formatDuration, summarizeAttendance, type Presence } from "./attendance";
import { EARLY_JOIN_MS, heldOccurrences, occurrenceWindow, parseOccurrenceParam } from "./occurrences";
import { transcriptToText } from "./transcript";

const at = (iso: string) => new Date(iso);

describe("occurrences", () => {
  const weekly = { startsAt: at("2026-01-05T09:00:00Z"), timeZone: "UTC", rrule: "FREQ=WEEKLY;COUNT=4" };

  it("lists the occurrences that have begun, most recent first", () => {
    expect(heldOccurrences(weekly, at("2026-01-13T00:00:00Z")).map((d) => d.toISOString())).toEqual([
      "2026-01-12T09:00:00.000Z",
      "2026-01-05T09:00:00.000Z",
    ]);
    const oneOff = { ...weekly, rrule: null };
    expect(heldOccurrences(oneOff, at("2020-01-01T00:00:00Z"))).toEqual([oneOff.startsAt]);
  });

  it("gives each occurrence the span up to the next one's early-join margin", () => {
    const first = occurrenceWindow(weekly, at("2026-01-05T09:00:00Z"));
    expect(first).toEqual({ start: at("2026-01-05T09:00:00Z"), from: null, to: new Date(at("2026-01-12T09:00:00Z").getTime() - EARLY_JOIN_MS) });
    const last = occurrenceWindow(weekly, at("2026-01-26T09:00:00Z"));
    expect(last).toEqual({ start: at("2026-01-26T09:00:00Z"), from: new Date(at("2026-01-26T09:00:00Z").getTime() - EARLY_JOIN_MS), to: null });
  });

  it("refuses a time that is not an occurrence", () => {
    expect(occurrenceWindow(weekly, at("2026-01-06T09:00:00Z"))).toBeNull();
    expect(occurrenceWindow({ ...weekly, rrule: null }, at("2026-01-12T09:00:00Z"))).toBeNull();
  });

  it("parses only plain epoch milliseconds", () => {
    expect(parseOccurrenceParam("1767603600000")).toEqual(at("2026-01-05T09:00:00Z"));
    for (const bad of [undefined, "", "-1", "1e12", "../x", ["1"], "9".repeat(16)]) expect(parseOccurrenceParam(bad)).toBeNull();
  });
});

describe("attendance", () => {
  const presence = (over: Partial<Presence>): Presence => ({
    userId: null, guestId: null, displayName: "X", role: "GUEST", joinedAt: at("2026-01-05T09:00:00Z"), leftAt: at("2026-01-05T09:10:00Z"), ...over,
  });

  it("merges one person's presences (rejoins, overlapping tabs) and orders people by arrival", () => {
    const rows = summarizeAttendance(
      [
        presence({ guestId: "g1", displayName: "Gia", joinedAt: at("2026-01-05T09:05:00Z"), leftAt: at("2026-01-05T09:15:00Z") }),
        presence({ userId: "u1", displayName: "Hana", role: "HOST", joinedAt: at("2026-01-05T09:00:00Z"), leftAt: at("2026-01-05T09:20:00Z") }),
        presence({ userId: "u1", displayName: "Hana", role: "HOST", joinedAt: at("2026-01-05T09:10:00Z"), leftAt: at("2026-01-05T09:30:00Z") }),
        presence({ guestId: "g1", displayName: "Gia B.", joinedAt: at("2026-01-05T09:40:00Z"), leftAt: at("2026-01-05T09:45:00Z") }),
      ],
      at("2026-01-05T10:00:00Z"),
    );
    expect(rows.map((r) => [r.name, r.role, r.totalMs / 60_000, r.presences, r.lastLeftAt?.toISOString()])).toEqual([
      ["Hana", "HOST", 30, 2, "2026-01-05T09:30:00.000Z"],
      ["Gia B.", "GUEST", 15, 2, "2026-01-05T09:45:00.000Z"],
    ]);
  });

  it("counts a presence without a leave time until now and shows no leave time", () => {
    const [row] = summarizeAttendance([presence({ guestId: "g", leftAt: null })], at("2026-01-05T09:03:00Z"));
    expect(row?.lastLeftAt).toBeNull();
    expect(row?.totalMs).toBe(180_000);
  });

  it("merges the call quality of one person's presences and ignores rows without valid totals", () => {
    const totals = { ...EMPTY_QUALITY_TOTALS, reports: 2, rttMsSum: 80, rttSamples: 2, relayReports: 1, directReports: 1 };
    const [row] = summarizeAttendance(
      [
        presence({ guestId: "g", quality: totals }),
        presence({ guestId: "g", quality: { ...totals, rttMsSum: 200 } }),
        presence({ guestId: "g", quality: { reports: "lots" } }),
      ],
      at("2026-01-05T10:00:00Z"),
    );
    expect(row?.quality).toMatchObject({ reports: 4, rttMsAvg: 70, relayShare: 0.5 });
    expect(summarizeAttendance([presence({ guestId: "h" })], at("2026-01-05T10:00:00Z"))[0]?.quality).toBeNull();
  });

  it("formats short and long durations", () => {
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(30 * 60_000 + 20_000)).toBe("30 min");
  });
});

describe("transcript text", () => {
  it("writes one entry per message in order, indenting continuation lines so a body cannot forge an entry", () => {
    const text = transcriptToText("Stand\nup", at("2026-01-05T09:00:00Z"), "Europe/Berlin", [
      { senderName: "Ada", body: "hello", createdAt: at("2026-01-05T09:00:05Z") },
      { senderName: "Bert", body: "two\n[2026-01-05 10:00:00] Ada: fake", createdAt: at("2026-01-05T09:00:06Z") },
    ]);
    expect(text).toBe(
      [
        "Chat transcript: Stand up",
        "Occurrence: 2026-01-05 10:00:00 (Europe/Berlin)",
        "",
        "[2026-01-05 10:00:05] Ada: hello",
        "[2026-01-05 10:00:06] Bert: two",
        "    [2026-01-05 10:00:00] Ada: fake",
        "",
      ].join("\n"),
    );
  });
});
