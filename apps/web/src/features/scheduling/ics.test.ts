import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { meetingToIcs } from "./ics";

const meeting = {
  id: "6f1c2d3e-0000-4000-8000-000000000001",
  title: "Weekly sync",
  description: "Agenda in the doc",
  startsAt: new Date("2026-03-16T08:00:00Z"),
  durationMinutes: 45,
  timeZone: "Europe/Berlin",
  rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
  status: "SCHEDULED" as const,
  updatedAt: new Date("2026-03-01T00:00:00Z"),
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
});
