import "server-only";
import type { Db } from "@parley/db";
import { db } from "@/server/db";

export type RetryRecordingResult = { ok: true } | { ok: false; error: "not_found" | "not_failed" };

/**
 * The host asks to process a failed recording again: FAILED → PROCESSING with its compose job queued (one
 * transaction). Someone else's recording, or an unknown id, is `not_found` (answer 404: a foreign id looks missing);
 * one that has not failed is `not_failed` (answer 409).
 */
export async function retryRecording(recordingId: string, userId: string, database: Pick<Db, "recordings"> = db()): Promise<RetryRecordingResult> {
  const result = await database.recordings.retryForHost(recordingId, userId);
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}
