"use server";
import { revalidatePath } from "next/cache";
import { env } from "@/env";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { currentUser } from "@/server/session";
import { deleteHostRecording, retryHostRecording } from "./recording-files";

export type RecordingActionResult = { error?: string };

const GONE = "This recording no longer exists.";

/** The host deletes a recording (its file and its entry). */
export async function deleteRecordingAction(recordingId: string): Promise<RecordingActionResult> {
  const user = await currentUser();
  const outcome = await deleteHostRecording({ db: db(), recordingsDir: env().RECORDINGS_DIR, userId: user?.id ?? null }, String(recordingId));
  if (outcome === "not_found") return { error: GONE };
  if (outcome === "busy") return { error: "This recording is still being recorded or processed. Delete it once it is ready." };
  logger.info({ recordingId, by: user?.id }, "recording deleted");
  revalidatePath("/meetings/[id]/record", "page");
  return {};
}

/** The host has a failed recording processed again. */
export async function retryRecordingAction(recordingId: string): Promise<RecordingActionResult> {
  const user = await currentUser();
  const outcome = await retryHostRecording({ db: db(), userId: user?.id ?? null }, String(recordingId));
  if (outcome === "not_found") return { error: GONE };
  if (outcome === "not_failed") return { error: "This recording is not failed (any more): reload the page." };
  logger.info({ recordingId, by: user?.id }, "recording processing retried");
  revalidatePath("/meetings/[id]/record", "page");
  return {};
}
