import { RECORDING_COMPOSE_TASK, type Db } from "@parley/db";
import { processRecording, type ProcessRecordingResult } from "@parley/recording";
import type { Task } from "graphile-worker";
import type { Logger as Pino } from "pino";
import { z } from "zod";

export { RECORDING_COMPOSE_TASK };

export const recordingComposePayloadSchema = z.object({ recordingId: z.uuid() });

export type RecordingComposeDeps = {
  db: Pick<Db, "recordings">;
  /** RECORDINGS_DIR (the directory Janus writes into, at the same path). */
  recordingsDir: string;
  log: Pino;
};

/**
 * Composes one stopped recording (queued by signaling when it stopped, or by a retry): @parley/recording turns its raw
 * Janus files into `<RECORDINGS_DIR>/<id>.mp4`, progress goes to the database as ffmpeg reports it, then the
 * recording is READY or FAILED with a reason for the host. Exported for tests, which run it without a worker.
 */
export function composeRecordingJob(deps: RecordingComposeDeps, recordingId: string, signal?: AbortSignal): Promise<ProcessRecordingResult> {
  return processRecording({ recordingId, recordingsDir: deps.recordingsDir, store: deps.db.recordings, signal, log: deps.log });
}

/** The graphile-worker task. A failed compose is a FAILED recording (the host retries), not a job retried by itself. */
export function recordingComposeTask(deps: RecordingComposeDeps): Task {
  return async (raw, helpers) => {
    const payload = recordingComposePayloadSchema.safeParse(raw);
    if (!payload.success) return void deps.log.error({ jobId: helpers.job.id, issues: payload.error.issues }, "recording compose job has an invalid payload; dropped");
    const result = await composeRecordingJob(deps, payload.data.recordingId, helpers.abortSignal);
    if (result.outcome === "skipped") deps.log.info({ recordingId: payload.data.recordingId, why: result.why }, "recording compose job had nothing to do");
  };
}
