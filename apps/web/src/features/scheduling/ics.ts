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
import type { OccurrenceException } from "./occurrences";

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
  /** Occurrences of the series cancelled (EXDATE) or moved (a VEVENT with RECURRENCE-ID) on their own. */
  exceptions?: readonly OccurrenceException[];
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

type EventParts = { start: Date; durationMinutes: number; recurrenceId?: Date; cancelled?: boolean; exdates?: Date[] };

/** Local wall-clock time in the meeting's zone, as EXDATE;TZID=… wants it. */
const localStamp = (instant: Date, zone: string) => DateTime.fromJSDate(instant, { zone }).toFormat("yyyyMMdd'T'HHmmss");

function addVevent(calendar: ICalCalendar, meeting: IcsMeeting, joinUrl: string, attendees: IcsMeeting["invitees"], parts: EventParts) {
  const start = DateTime.fromJSDate(parts.start, { zone: meeting.timeZone });
  const exdates = parts.exdates?.length ? `\nEXDATE;TZID=${meeting.timeZone}:${parts.exdates.map((d) => localStamp(d, meeting.timeZone)).join(",")}` : "";
  calendar.createEvent({
    id: meetingUid(meeting.id),
    sequence: meeting.sequence,
    stamp: new Date(),
    start,
    end: start.plus({ minutes: parts.durationMinutes }),
    timezone: meeting.timeZone,
    repeating: meeting.rrule && !parts.recurrenceId ? `RRULE:${meeting.rrule}${exdates}` : null,
    recurrenceId: parts.recurrenceId ? DateTime.fromJSDate(parts.recurrenceId, { zone: meeting.timeZone }) : null,
    summary: oneLine(meeting.title),
    description: [meeting.description, `Join: ${joinUrl}`].filter(Boolean).join("\n\n"),
    location: joinUrl,
    url: joinUrl,
    status: meeting.status === "CANCELLED" || parts.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: oneLine(meeting.host.name), email: meeting.host.email },
    attendees: attendees.map((i) => ({
      email: i.email,
      role: ICalAttendeeRole.REQ,
      status: PARTSTAT[i.rsvp ?? "NEEDS_ACTION"],
      rsvp: true,
    })),
  });
}

/** The whole meeting: the series (cancelled occurrences as EXDATE) and one VEVENT per moved occurrence. */
function addEvent(calendar: ICalCalendar, meeting: IcsMeeting, joinUrl: string, attendees: IcsMeeting["invitees"]) {
  const exceptions = meeting.rrule ? (meeting.exceptions ?? []) : [];
  const exdates = exceptions.filter((e) => e.cancelled).map((e) => e.originalStart);
  addVevent(calendar, meeting, joinUrl, attendees, { start: meeting.startsAt, durationMinutes: meeting.durationMinutes, exdates });
  for (const moved of exceptions) {
    if (moved.cancelled || !moved.startsAt) continue;
    addVevent(calendar, meeting, joinUrl, attendees, {
      start: moved.startsAt,
      durationMinutes: moved.durationMinutes ?? meeting.durationMinutes,
      recurrenceId: moved.originalStart,
    });
  }
}

/** Only one occurrence (RFC 5546 §3.2.2/§3.2.5 with RECURRENCE-ID): its new time, or its cancellation. */
function addOccurrence(calendar: ICalCalendar, meeting: IcsMeeting, joinUrl: string, attendees: IcsMeeting["invitees"], originalStart: Date, method: IcsMethod) {
  const exception = meeting.exceptions?.find((e) => e.originalStart.getTime() === originalStart.getTime());
  const cancelled = method === "CANCEL" || !exception || exception.cancelled || !exception.startsAt;
  addVevent(calendar, meeting, joinUrl, attendees, {
    start: cancelled ? originalStart : exception.startsAt!,
    durationMinutes: (cancelled ? null : exception.durationMinutes) ?? meeting.durationMinutes,
    recurrenceId: originalStart,
    cancelled,
  });
}

/**
 * RFC 5545 calendar object for one meeting: DTSTART with TZID plus the zone's VTIMEZONE, so a weekly 09:00 stays
 * 09:00 local across daylight-saving changes in every calendar client. By default METHOD:REQUEST (CANCEL once
 * cancelled) with every invitee; `attendees` narrows the list (a CANCEL to one removed invitee names only them);
 * `occurrence` (its original start) limits the object to that one occurrence of the series.
 */
export function meetingToIcs(
  meeting: IcsMeeting,
  joinUrl: string,
  options: { method?: IcsMethod; attendees?: IcsMeeting["invitees"]; occurrence?: Date } = {},
): string {
  const method = options.method ?? (meeting.status === "CANCELLED" ? "CANCEL" : "REQUEST");
  const calendar = newCalendar(method);
  const attendees = options.attendees ?? meeting.invitees;
  if (options.occurrence) {
    addOccurrence(calendar, meeting, joinUrl, attendees, options.occurrence, method);
    return calendar.toString();
  }
  const cancelled = method === "CANCEL" ? { ...meeting, status: "CANCELLED" as const } : meeting;
  addEvent(calendar, cancelled, joinUrl, attendees);
  return calendar.toString();
}

/** A subscription feed (no METHOD, as calendar apps expect for webcal://) with every given meeting. */
export function meetingsToFeed(name: string, meetings: { meeting: IcsMeeting; joinUrl: string }[]): string {
  const calendar = newCalendar(null, name);
  for (const { meeting, joinUrl } of meetings) addEvent(calendar, meeting, joinUrl, meeting.invitees);
  return calendar.toString();
}
