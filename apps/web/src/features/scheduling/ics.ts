import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  type ICalCalendar,
} from "ical-generator";
import type { Meeting } from "@parley/db";
import { DateTime } from "luxon";

export type IcsRsvp = "NEEDS_ACTION" | "ACCEPTED" | "TENTATIVE" | "DECLINED";

export type IcsMeeting = {
  id: string;
  title: string;
  description: string | null;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  rrule: string | null;
  status: Meeting["status"];
  /** iTIP SEQUENCE: 0 when created, +1 per change. */
  sequence: number;
  host: { name: string; email: string };
  invitees: { email: string; rsvp?: IcsRsvp }[];
};

/** iTIP method (RFC 5546): REQUEST invites or updates, CANCEL withdraws, PUBLISH is a plain copy (subscriptions). */
export type IcsMethod = "REQUEST" | "CANCEL" | "PUBLISH";

const PARTSTAT: Record<IcsRsvp, ICalAttendeeStatus> = {
  NEEDS_ACTION: ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
  DECLINED: ICalAttendeeStatus.DECLINED,
};

const METHOD: Record<IcsMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

/** Titles and names are one line: CR, LF and other control characters become spaces (no property injection). */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** The event's UID: stable for the meeting's whole life, so updates and cancels replace the same calendar entry. */
export const meetingUid = (meetingId: string) => `${meetingId}@parley`;

function newCalendar(method: IcsMethod | null, name?: string): ICalCalendar {
  return ical({
    prodId: { company: "Parley", product: "Parley", language: "EN" },
    ...(name ? { name: oneLine(name) } : {}),
    method: method ? METHOD[method] : null,
    // NOTE: no zone name here: it would add the non-standard TIMEZONE-ID/X-WR-TIMEZONE and make DTSTAMP local time.
    // The generator alone emits a VTIMEZONE for each event's zone; DTSTAMP stays UTC ("Z") as RFC 5545 requires.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
}

function addEvent(calendar: ICalCalendar, meeting: IcsMeeting, joinUrl: string, attendees: IcsMeeting["invitees"]) {
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone });
  calendar.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    stamp: new Date(),
    start,
    end: start.plus({ minutes: meeting.durationMinutes }),
    timezone: meeting.timeZone,
    repeating: meeting.rrule ? `RRULE:${meeting.rrule}` : null,
    summary: oneLine(meeting.title),
    description: [meeting.description, `Join: ${joinUrl}`].filter(Boolean).join("\n\n"),
    location: joinUrl,
    url: joinUrl,
    status: meeting.status === "CANCELLED" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: oneLine(meeting.host.name), email: meeting.host.email },
    attendees: attendees.map((i) => ({
      email: i.email,
      role: ICalAttendeeRole.REQ,
      status: PARTSTAT[i.rsvp ?? "NEEDS_ACTION"],
      rsvp: true,
    })),
  });
}

/**
 * RFC 5545 calendar object for one meeting: DTSTART with TZID plus the zone's VTIMEZONE, so a weekly 09:00 stays
 * 09:00 local across daylight-saving changes in every calendar client. By default METHOD:REQUEST (CANCEL once
 * cancelled) with every invitee; `attendees` narrows the list (a CANCEL to one removed invitee names only them).
 */
export function meetingToIcs(
  meeting: IcsMeeting,
  joinUrl: string,
  options: { method?: IcsMethod; attendees?: IcsMeeting["invitees"] } = {},
): string {
  const method = options.method ?? (meeting.status === "CANCELLED" ? "CANCEL" : "REQUEST");
  const calendar = newCalendar(method);
  const cancelled = method === "CANCEL" ? { ...meeting, status: "CANCELLED" as const } : meeting;
  addEvent(calendar, cancelled, joinUrl, options.attendees ?? meeting.invitees);
  return calendar.toString();
}

/** A subscription feed (no METHOD, as calendar apps expect for webcal://) with every given meeting. */
export function meetingsToFeed(name: string, meetings: { meeting: IcsMeeting; joinUrl: string }[]): string {
  const calendar = newCalendar(null, name);
  for (const { meeting, joinUrl } of meetings) addEvent(calendar, meeting, joinUrl, meeting.invitees);
  return calendar.toString();
}
