import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { Invitee, Meeting, User } from "@parley/db";
import { DateTime } from "luxon";

export type IcsMeeting = Pick<
  Meeting,
  "id" | "title" | "description" | "startsAt" | "durationMinutes" | "timeZone" | "rrule" | "status" | "updatedAt"
> & {
  host: Pick<User, "name" | "email">;
  invitees: Pick<Invitee, "email">[];
};

/**
 * RFC 5545 calendar invite for a meeting: DTSTART with TZID plus the zone's VTIMEZONE, so a weekly
 * 09:00 stays 09:00 local across daylight-saving changes in every calendar client.
 */
export function meetingToIcs(meeting: IcsMeeting, joinUrl: string): string {
  const calendar = ical({
    name: meeting.title,
    prodId: { company: "Parley", product: "Parley", language: "EN" },
    method: meeting.status === "CANCELLED" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: meeting.timeZone, generator: getVtimezoneComponent },
  });
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone });
  calendar.createEvent({
    id: `${meeting.id}@parley`,
    sequence: Math.floor(meeting.updatedAt.getTime() / 1000),
    start,
    end: start.plus({ minutes: meeting.durationMinutes }),
    timezone: meeting.timeZone,
    repeating: meeting.rrule ? `RRULE:${meeting.rrule}` : null,
    summary: meeting.title,
    description: [meeting.description, `Join: ${joinUrl}`].filter(Boolean).join("\n\n"),
    location: joinUrl,
    url: joinUrl,
    status: meeting.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: meeting.host.name, email: meeting.host.email },
    attendees: meeting.invitees.map((i) => ({
      email: i.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: true,
    })),
  });
  return calendar.toString();
}
