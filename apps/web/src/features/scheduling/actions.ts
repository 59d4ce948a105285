"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { requireUser } from "@/server/session";
import { readMeetingForm, toMeetingInput, type MeetingFormValues } from "./form-data";
import { cancelMeeting, scheduleMeeting, startInstantMeeting, updateMeeting, type FieldErrors } from "./service";

export type MeetingFormState = { values?: MeetingFormValues; fieldErrors?: FieldErrors; formError?: string };

const meetingIdSchema = z.string().uuid();

const REFUSALS = {
  not_found: "This meeting no longer exists.",
  forbidden: "Only the host can change this meeting.",
  cancelled: "This meeting was cancelled and can no longer be edited.",
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

export async function startInstantMeetingAction(): Promise<void> {
  const user = await requireUser("/dashboard");
  const meeting = await startInstantMeeting(db(), user);
  redirect(`/m/${meeting.slug}`);
}
