import { z } from "zod";
import { REMINDER_CHOICES } from "./reminder-choices";
import { buildRrule, WEEKDAYS, type RecurrenceChoice } from "./recurrence";
import { splitInvitees, type MeetingInput } from "./meeting-input";

/** The raw values of the scheduling form, echoed back so a refused form keeps what the user typed. */
export type MeetingFormValues = {
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  frequency: "none" | "daily" | "weekly" | "monthly";
  interval: string;
  weekdays: string[];
  endType: "never" | "count" | "until";
  count: string;
  untilDate: string;
  invitees: string;
  /** Invitee addresses ticked "Co-host". */
  cohosts: string[];
  lobbyEnabled: boolean;
  largeMeeting: boolean;
  /** "none" or minutes before each occurrence, as the reminder select sends it. */
  reminder: string;
  passcode: string;
};


type RepeatingChoice = Exclude<RecurrenceChoice, { frequency: "none" }>;

const choiceSchema = z.object({
  frequency: z.enum(["none", "daily", "weekly", "monthly"]),
  interval: z.coerce.number().int().min(1, "Repeat every 1–99").max(99, "Repeat every 1–99"),
  weekdays: z.array(z.enum(WEEKDAYS)),
  endType: z.enum(["never", "count", "until"]),
  count: z.coerce.number().int().min(1, "Between 1 and 730 times").max(730, "Between 1 and 730 times"),
  untilDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the last day"),
});

export function readMeetingForm(form: FormData): MeetingFormValues {
  const text = (key: string) => String(form.get(key) ?? "");
  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T): T =>
    (allowed as readonly string[]).includes(text(key)) ? (text(key) as T) : fallback;
  return {
    title: text("title"),
    description: text("description"),
    date: text("date"),
    startTime: text("startTime"),
    endTime: text("endTime"),
    timeZone: text("timeZone"),
    frequency: pick("frequency", ["none", "daily", "weekly", "monthly"], "none"),
    interval: text("interval") || "1",
    weekdays: form.getAll("weekdays").map(String),
    endType: pick("endType", ["never", "count", "until"], "never"),
    count: text("count") || "10",
    untilDate: text("untilDate"),
    invitees: text("invitees"),
    cohosts: form.getAll("cohosts").map(String),
    lobbyEnabled: form.get("lobbyEnabled") === "on",
    largeMeeting: form.get("largeMeeting") === "on",
    reminder: pick("reminder", REMINDER_CHOICES.map((c) => c.value), "10"),
    passcode: text("passcode"),
  };
}

/** Turns form values into service input; recurrence problems come back as a field error. */
export function toMeetingInput(values: MeetingFormValues): { input: MeetingInput } | { error: string } {
  let rrule: string | null = null;
  if (values.frequency !== "none") {
    const parsed = choiceSchema.safeParse({
      ...values,
      count: values.endType === "count" ? values.count : 1,
      untilDate: values.endType === "until" ? values.untilDate : "2000-01-01",
    });
    if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Invalid recurrence" };
    const c = parsed.data;
    const end: RepeatingChoice["end"] =
      c.endType === "count" ? { type: "count", count: c.count } : c.endType === "until" ? { type: "until", date: c.untilDate } : { type: "never" };
    const frequency = c.frequency as RepeatingChoice["frequency"];
    rrule = buildRrule({ frequency, interval: c.interval, weekdays: c.weekdays, end }, values.timeZone || "UTC");
  }
  return {
    input: {
      title: values.title,
      description: values.description,
      date: values.date,
      startTime: values.startTime,
      endTime: values.endTime,
      timeZone: values.timeZone,
      rrule,
      invitees: splitInvitees(values.invitees),
      cohosts: values.cohosts,
      lobbyEnabled: values.lobbyEnabled,
      largeMeeting: values.largeMeeting,
      reminderMinutes: values.reminder === "none" ? null : Number(values.reminder),
      passcode: values.passcode,
    },
  };
}
