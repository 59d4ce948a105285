"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { requireUser } from "@/server/session";
import { readMeetingForm, toMeetingInput, type MeetingFormValues } from "./form-data";
import { cancelMeeting, changeOccurrence, scheduleMeeting, startInstantMeeting, updateMeeting, type FieldErrors } from "./service";

export type MeetingFormState = { values?: MeetingFormValues; fieldErrors?: FieldErrors; formError?: string };
export type OccurrenceFormState = {
  values?: { date: string; startTime: string; endTime: string };
  fieldErrors?: Partial<Record<"date" | "startTime" | "endTime", string>>;
  formError?: string;
};

const meetingIdSchema = z.string().uuid();

const REFUSALS = {
  not_found: "This meeting no longer exists.",
  forbidden: "Only the host can change this meeting.",
  cancelled: "This meeting was cancelled and can no longer be edited.",
  unknown_occurrence: "That occurrence is not part of this series (it may have been changed meanwhile).",
} as const;

export async function createMeetingAction(_prev: MeetingFormState, form: FormData): Promise<MeetingFormState> {
  const user = await requireUser("/meetings/new");
  const values = readMeetingForm(form);
  const converted = toMeetingInput(values);
  if ("error" in converted) return { values, fieldErrors: { rrule: converted.error } };
  const result = await scheduleMeeting(db(), user.id, converted.input);
  if (!result.ok) {
    return result.error.code === "invalid_input"
      ? { values, fieldErrors: result.error.fieldErrors }
      : { values, formError: REFUSALS[result.error.code] };
  }
  logger.info({ meetingId: result.value.id, hostId: user.id }, "meeting scheduled");
  revalidatePath("/dashboard");
  redirect(`/dashboard?scheduled=${result.value.slug}`);
}

export async function updateMeetingAction(meetingId: string, _prev: MeetingFormState, form: FormData): Promise<MeetingFormState> {
  const user = await requireUser("/dashboard");
  const values = readMeetingForm(form);
  if (!meetingIdSchema.safeParse(meetingId).success) return { values, formError: REFUSALS.not_found };
  const converted = toMeetingInput(values);
  if ("error" in converted) return { values, fieldErrors: { rrule: converted.error } };
  const result = await updateMeeting(db(), user.id, meetingId, converted.input, { keepPasscode: form.get("keepPasscode") === "on" });
  if (!result.ok) {
    return result.error.code === "invalid_input"
      ? { values, fieldErrors: result.error.fieldErrors }
      : { values, formError: REFUSALS[result.error.code] };
  }
  revalidatePath("/dashboard");
  redirect("/dashboard?updated=1");
}

export async function cancelMeetingAction(meetingId: string): Promise<{ error?: string }> {
  const user = await requireUser("/dashboard");
  if (!meetingIdSchema.safeParse(meetingId).success) return { error: REFUSALS.not_found };
  const result = await cancelMeeting(db(), user.id, meetingId);
  if (!result.ok) return { error: result.error.code === "invalid_input" ? "Invalid request" : REFUSALS[result.error.code] };
  logger.info({ meetingId, hostId: user.id }, "meeting cancelled");
  revalidatePath("/dashboard");
  return {};
}

/** Cancels one occurrence of a series (`occurrence`: its original start, ISO); the rest of the series stays. */
export async function cancelOccurrenceAction(meetingId: string, occurrence: string): Promise<{ error?: string }> {
  const user = await requireUser("/dashboard");
  if (!meetingIdSchema.safeParse(meetingId).success) return { error: REFUSALS.not_found };
  const result = await changeOccurrence(db(), user.id, meetingId, { action: "cancel", occurrence });
  if (!result.ok) return { error: result.error.code === "invalid_input" ? "Invalid request" : REFUSALS[result.error.code] };
  logger.info({ meetingId, hostId: user.id, occurrence }, "occurrence cancelled");
  revalidatePath("/dashboard");
  return {};
}

/** Moves one occurrence of a series (`occurrence`: its original start, ISO) to the form's date and times. */
export async function moveOccurrenceAction(meetingId: string, occurrence: string, _prev: OccurrenceFormState, form: FormData): Promise<OccurrenceFormState> {
  const user = await requireUser("/dashboard");
  const values = { date: String(form.get("date") ?? ""), startTime: String(form.get("startTime") ?? ""), endTime: String(form.get("endTime") ?? "") };
  if (!meetingIdSchema.safeParse(meetingId).success) return { values, formError: REFUSALS.not_found };
  const result = await changeOccurrence(db(), user.id, meetingId, { action: "move", occurrence, ...values });
  if (!result.ok) {
    if (result.error.code !== "invalid_input") return { values, formError: REFUSALS[result.error.code] };
    const { date, startTime, endTime, ...rest } = result.error.fieldErrors;
    const other = Object.values(rest)[0];
    return { values, fieldErrors: { date, startTime, endTime }, ...(other ? { formError: other } : {}) };
  }
  logger.info({ meetingId, hostId: user.id, occurrence }, "occurrence moved");
  revalidatePath("/dashboard");
  redirect("/dashboard?updated=1");
}

export async function startInstantMeetingAction(): Promise<void> {
  const user = await requireUser("/dashboard");
  const meeting = await startInstantMeeting(db(), user);
  redirect(`/m/${meeting.slug}`);
}
