import { isCleanName, isCleanText } from "@parley/protocol";
import { z } from "zod";
import { PASSCODE_PATTERN } from "./passcode-rules";
import { isValidTimeZone } from "./time-zones";

const MAX_INVITEES = 100;
/** Reminder mail before each occurrence unless the host chooses otherwise (as calendar apps do). */
export const DEFAULT_REMINDER_MINUTES = 10;
/** Empty form fields mean "not given". */
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const emailSchema = z.string().trim().toLowerCase().email("Invitee emails must be valid email addresses").max(254);

/** What a host submits to schedule or edit a meeting; times are wall-clock in `timeZone`. */
export const meetingInputSchema = z
  .object({
  title: z
    .string()
    .trim()
    .min(1, "Give the meeting a title")
    .max(200, "Title is too long (200 characters at most)")
    .refine(isCleanName, "The title can't contain control characters or invisible formatting characters"),
  description: z.preprocess(
    emptyToNull,
    z
      .string()
      .trim()
      .max(5000, "Description is too long (5000 characters at most)")
      .refine(isCleanText, "The description can't contain control characters")
      .nullish(),
  ).transform((v) => v ?? null),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Date must look like 2026-03-30")
    .refine((d) => d >= "2000-01-01" && d <= "2100-12-31", "Pick a date between 2000 and 2100"),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Start time must look like 09:30"),
  endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "End time must look like 10:30"),
  timeZone: z.string().refine(isValidTimeZone, "Unknown time zone"),
  rrule: z.preprocess(emptyToNull, z.string().max(500).refine(isCleanName, "Invalid recurrence").nullish()).transform((v) => v ?? null),
  invitees: z
    .array(emailSchema)
    .max(MAX_INVITEES, `At most ${MAX_INVITEES} invitees`)
    .transform((list) => [...new Set(list)]),
  /** Invitees who join as co-hosts (signed in with that verified address): they get the host controls in the call. */
  cohosts: z
    .array(z.string().trim().toLowerCase().email("Co-hosts must be valid email addresses").max(254))
    .max(MAX_INVITEES, `At most ${MAX_INVITEES} co-hosts`)
    .default([])
    .transform((list) => [...new Set(list)]),
  lobbyEnabled: z.boolean(),
  /** Minutes before each occurrence that everyone is reminded by mail (a week at most); null: no reminder. */
  reminderMinutes: z
    .number()
    .int()
    .min(0, "Pick when to remind people")
    .max(10_080, "Reminders can be at most a week ahead")
    .nullable()
    .default(DEFAULT_REMINDER_MINUTES),
  /** Everyone through the media server (SFU) from the first participant, not only once the call grows. */
  largeMeeting: z.boolean().default(false),
  passcode: z
    .preprocess(emptyToNull, z.string().trim().regex(PASSCODE_PATTERN, "Passcode must be 6–32 letters or digits").nullish())
    .transform((v) => v ?? null),
  })
  .refine((meeting) => meeting.cohosts.every((email) => meeting.invitees.includes(email)), {
    message: "Co-hosts must be among the invitees",
    path: ["cohosts"],
  });

export type MeetingInput = z.input<typeof meetingInputSchema>;
export type ValidMeetingInput = z.output<typeof meetingInputSchema>;

/** Splits the invitee textarea ("a@x.org, b@y.org\nc@z.org") into addresses. */
export function splitInvitees(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
