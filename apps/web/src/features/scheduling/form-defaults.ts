import type { Invitee, Meeting } from "@parley/db";
import { DateTime } from "luxon";
import type { MeetingFormValues } from "./form-data";
import { DEFAULT_REMINDER_MINUTES } from "./meeting-input";

/** A fresh form: the next full hour for 30 minutes, in the host's zone. */
export function newMeetingDefaults(timeZone: string, now = new Date()): MeetingFormValues {
  const start = DateTime.fromJSDate(now, { zone: timeZone }).startOf("hour").plus({ hours: 1 });
  return {
    title: "",
    description: "",
    date: start.toISODate() ?? "",
    startTime: start.toFormat("HH:mm"),
    endTime: start.plus({ minutes: 30 }).toFormat("HH:mm"),
    timeZone,
    frequency: "none",
    interval: "1",
    weekdays: [],
    endType: "never",
    count: "10",
    untilDate: "",
    invitees: "",
    cohosts: [],
    lobbyEnabled: false,
    largeMeeting: false,
    reminder: String(DEFAULT_REMINDER_MINUTES),
    passcode: "",
  };
}

type StoredMeeting = Pick<Meeting, "title" | "description" | "startsAt" | "durationMinutes" | "timeZone" | "rrule" | "lobbyEnabled"> &
  Partial<Pick<Meeting, "mediaMode" | "reminderMinutes">> & { invitees: (Pick<Invitee, "email"> & Partial<Pick<Invitee, "cohost">>)[] };

/** Form values for editing a stored meeting (recurrence read back from its RRULE). */
export function meetingToFormValues(meeting: StoredMeeting): MeetingFormValues {
  const start = DateTime.fromJSDate(meeting.startsAt, { zone: meeting.timeZone });
  const rule = new Map((meeting.rrule ?? "").split(";").filter(Boolean).map((p) => p.split("=") as [string, string]));
  const freq = rule.get("FREQ")?.toLowerCase();
  const until = rule.get("UNTIL");
  return {
    title: meeting.title,
    description: meeting.description ?? "",
    date: start.toISODate() ?? "",
    startTime: start.toFormat("HH:mm"),
    endTime: start.plus({ minutes: meeting.durationMinutes }).toFormat("HH:mm"),
    timeZone: meeting.timeZone,
    frequency: freq === "daily" || freq === "weekly" || freq === "monthly" ? freq : "none",
    interval: rule.get("INTERVAL") ?? "1",
    weekdays: rule.get("BYDAY")?.split(",") ?? [],
    endType: rule.has("COUNT") ? "count" : until ? "until" : "never",
    count: rule.get("COUNT") ?? "10",
    untilDate: until
      ? (DateTime.fromFormat(until, "yyyyMMdd'T'HHmmss'Z'", { zone: "utc" }).setZone(meeting.timeZone).toISODate() ?? "")
      : "",
    invitees: meeting.invitees.map((i) => i.email).join("\n"),
    cohosts: meeting.invitees.filter((i) => i.cohost).map((i) => i.email),
    lobbyEnabled: meeting.lobbyEnabled,
    largeMeeting: meeting.mediaMode === "SFU",
    reminder: meeting.reminderMinutes === undefined ? String(DEFAULT_REMINDER_MINUTES) : meeting.reminderMinutes === null ? "none" : String(meeting.reminderMinutes),
    passcode: "",
  };
}
