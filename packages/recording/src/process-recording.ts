import { rmdir } from "node:fs/promises";
import { join } from "node:path";
import { composeRecording, type ComposedRecording } from "./compose";
import { RecordingError } from "./errors";

/** The slice of the recordings repository (@parley/db) that processing needs; structural, so tests can pass their own. */
export type RecordingJobStore = {
  findById(id: string): Promise<{ id: string; state: string } | null>;
  reportProgress(id: string, percent: number): Promise<void>;
  markReady(id: string, input: { durationMs: number; sizeBytes: number; fileName: string }): Promise<unknown>;
  markFailed(id: string, reason: string): Promise<unknown>;
};

export type ProcessRecordingOptions = {
  recordingId: string;
  /** RECORDINGS_DIR: Janus wrote `<dir>/<recordingId>/*.mjr`; the composed file becomes `<dir>/<recordingId>.mp4`. */
  recordingsDir: string;
  store: RecordingJobStore;
  /** How often progress is written at most (ms); default 1000. */
  progressEveryMs?: number;
  signal?: AbortSignal;
  log?: { info(fields: object, message: string): void; error(fields: object, message: string): void };
};

export type ProcessRecordingResult =
  | { outcome: "ready"; composed: ComposedRecording; fileName: string }
  | { outcome: "failed"; code: string; reason: string }
  | { outcome: "skipped"; why: string };

const RECORDING_ID = /^[A-Za-z0-9-]{1,64}$/;

/** What the host reads when processing failed (RecordingError messages already are; anything else is ours). */
function reasonFor(error: unknown): { code: string; reason: string } {
  if (!(error instanceof RecordingError)) return { code: "internal", reason: "Processing failed unexpectedly. Try again; if it fails again, ask your administrator to check the server log." };
  if (error.code === "tool_missing") return { code: error.code, reason: "This server cannot process recordings (janus-pp-rec or ffmpeg is not installed). Ask your administrator." };
  return { code: error.code, reason: error.message };
}

/**
 * The compose job's work: the recording's raw files → one MP4 next to them, progress written as ffmpeg reports it,
 * then READY (file name, size, duration) or FAILED with a reason fit for the host (disk full, nothing recorded,
 * conversion failed). Only a PROCESSING recording is processed (a job run twice, or after a delete, does nothing).
 * Cancellation (`signal`, the worker shutting down) is rethrown so the job runs again later.
 */
export async function processRecording(opts: ProcessRecordingOptions): Promise<ProcessRecordingResult> {
  const { recordingId, store } = opts;
  if (!RECORDING_ID.test(recordingId)) return { outcome: "skipped", why: "invalid recording id" };
  const recording = await store.findById(recordingId);
  if (!recording) return { outcome: "skipped", why: "recording not found" };
  if (recording.state !== "PROCESSING") return { outcome: "skipped", why: `recording is ${recording.state}` };

  const inputDir = join(opts.recordingsDir, recordingId);
  const fileName = `${recordingId}.mp4`;
  const every = opts.progressEveryMs ?? 1000;
  let lastPercent = -1;
  let lastAt = 0;
  let writing: Promise<void> = Promise.resolve();
  const onProgress = ({ percent }: { percent: number }) => {
    const now = Date.now();
    // A write per second at most (ffmpeg reports twice a second); 100 is left to markReady.
    if (percent === lastPercent || percent >= 100 || now - lastAt < every) return;
    lastPercent = percent;
    lastAt = now;
    writing = writing.then(() => store.reportProgress(recordingId, percent)).catch(() => undefined);
  };

  try {
    // Intermediate files beside, not inside, the raw directory: that one belongs to Janus (which may run as another user).
    const workDir = join(opts.recordingsDir, `.work-${recordingId}`);
    const composed = await composeRecording({ inputDir, outputFile: join(opts.recordingsDir, fileName), workDir, onProgress, signal: opts.signal });
    await writing;
    await store.markReady(recordingId, { durationMs: composed.durationMs, sizeBytes: composed.sizeBytes, fileName });
    // The raw files are gone (composeRecording removes them); the directory goes too if nothing else is left in it.
    await rmdir(inputDir).catch(() => undefined);
    opts.log?.info({ recordingId, durationMs: composed.durationMs, sizeBytes: composed.sizeBytes, skipped: composed.skipped, rawKept: composed.rawKept }, "recording composed");
    return { outcome: "ready", composed, fileName };
  } catch (error) {
    await writing;
    if (error instanceof RecordingError && error.code === "aborted") throw error;
    const { code, reason } = reasonFor(error);
    opts.log?.error({ recordingId, code, err: error, detail: error instanceof RecordingError ? error.detail : undefined }, "composing a recording failed");
    await store.markFailed(recordingId, reason);
    return { outcome: "failed", code, reason };
  }
}
