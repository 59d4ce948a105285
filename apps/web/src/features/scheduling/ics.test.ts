import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { meetingsToFeed, meetingToIcs } from "./ics";

const meeting = {
  id: "6f1c2d3e-0000-4000-8000-000000000001",
  title: "Weekly sync",
  description: "Agenda in the doc",
  startsAt: new Date("2026-03-16T08:00:00Z"),
  durationMinutes: 45,
  timeZone: "Europe/Berlin",
  rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
  status: "SCHEDULED" as const,
  sequence: 3,
  host: { name: "Ada Host", email: "ada@example.org" },
  invitees: [{ email: "bob@example.org" }, { email: "cy@example.org" }],
};

describe("meetingToIcs", () => {
  it("round-trips through an independent parser (ical.js) with the right occurrences across DST", () => {
    const text = meetingToIcs(meeting, "https://meet.example.org/m/abcd-efgh-ijkm");
    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = calendar.getFirstSubcomponent("vtimezone");
    expect(zone?.getFirstPropertyValue("tzid")).toBe("Europe/Berlin");
    ICAL.TimezoneService.register(new ICAL.Timezone(zone!));

    const vevent = calendar.getFirstSubcomponent("vevent")!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe(`${meeting.id}@parley`);
    expect(event.summary).toBe("Weekly sync");
    expect(vevent.getFirstProperty("dtstart")?.getParameter("tzid")).toBe("Europe/Berlin");
    expect(String(vevent.getFirstPropertyValue("url"))).toBe("https://meet.example.org/m/abcd-efgh-ijkm");
    expect(String(vevent.getFirstPropertyValue("organizer")).toLowerCase()).toBe("mailto:ada@example.org");
    const attendees = vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase());
    expect(attendees).toEqual(["mailto:bob@example.org", "mailto:cy@example.org"]);
    expect(event.duration.toSeconds()).toBe(45 * 60);

    const it = event.iterator();
    const starts: string[] = [];
    for (let next = it.next(); next && starts.length < 10; next = it.next()) {
      starts.push(next.toJSDate().toISOString());
    }
    expect(starts).toEqual([
      "2026-03-16T08:00:00.000Z",
      "2026-03-23T08:00:00.000Z",
      "2026-03-30T07:00:00.000Z",
      "2026-04-06T07:00:00.000Z",
    ]);
  });

  it("marks a cancelled meeting as cancelled", () => {
    const text = meetingToIcs({ ...meeting, status: "CANCELLED" }, "https://x.example/m/a");
    const vevent = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
  });

  it("keeps DTSTAMP in UTC, the SEQUENCE given, and no non-standard TIMEZONE-ID", () => {
    const text = meetingToIcs(meeting, "https://x.example/m/a");
    expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m);
    expect(text).toMatch(/^SEQUENCE:3\r$/m);
    expect(text).not.toMatch(/TIMEZONE-ID|X-WR-TIMEZONE/);
    expect(text).toMatch(/^METHOD:REQUEST\r$/m);
    expect(text).toMatch(/RSVP=TRUE/);
  });

  it("cannot be made to carry extra lines through a title with CR/LF (regression)", () => {
    const hostile = { ...meeting, title: "Sync\r\nATTENDEE:mailto:evil@example.org\r\nX-INJECTED:1" };
    const text = meetingToIcs(hostile, "https://x.example/m/a");
    expect(text).not.toMatch(/^ATTENDEE:mailto:evil/m);
    expect(text).not.toMatch(/^X-INJECTED/m);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    expect(vevent.getAllProperties("attendee")).toHaveLength(2);
    expect(vevent.getFirstPropertyValue("summary")).toBe("Sync ATTENDEE:mailto:evil@example.org X-INJECTED:1");
    expect(calendar.getAllProperties().map((p) => p.name)).toEqual(["version", "prodid", "method"]);
    const feed = meetingsToFeed("Ada\r\nX-INJECTED:1", [{ meeting: hostile, joinUrl: "https://x.example/m/a" }]);
    expect(feed).not.toMatch(/^X-INJECTED/m);
  });

  it("sends a CANCEL naming only the given attendee", () => {
    const text = meetingToIcs(meeting, "https://x.example/m/a", { method: "CANCEL", attendees: [{ email: "cy@example.org" }] });
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).toLowerCase())).toEqual(["mailto:cy@example.org"]);
  });

  it("shows invitees' answers as PARTSTAT", () => {
    const text = meetingToIcs({ ...meeting, invitees: [{ email: "bob@example.org", rsvp: "ACCEPTED" }] }, "https://x.example/m/a");
    expect(text).toMatch(/PARTSTAT=ACCEPTED/);
  });
});
