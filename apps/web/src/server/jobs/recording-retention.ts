import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "@parley/db";
import type { Task } from "graphile-worker";
import type { Logger as Pino } from "pino";

export const RECORDING_RETENTION_TASK = "recording_retention";
/** graphile-worker crontab line: every day at 03:17 (server time), once even if several workers run. */
export const RECORDING_RETENTION_CRONTAB = `17 3 * * * ${RECORDING_RETENTION_TASK}`;

const DAY_MS = 24 * 60 * 60 * 1000;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export type RecordingRetentionDeps = {
  db: Pick<Db, "recordings">;
  recordingsDir: string;
  retentionDays: number;
  log: Pino;
  now?: () => Date;
};

/**
 * Deletes finished and failed recordings that started more than `retentionDays` ago: the composed file, whatever raw
 * files are left, then the row. Returns how many went. Recordings still being made or processed are never touched.
 */
export async function deleteExpiredRecordings(deps: RecordingRetentionDeps): Promise<number> {
  const before = new Date((deps.now?.() ?? new Date()).getTime() - deps.retentionDays * DAY_MS);
  let deleted = 0;
  for (;;) {
    const expired = await deps.db.recordings.listExpired(before, 100);
    if (expired.length === 0) return deleted;
    for (const recording of expired) {
      // Files first: a row without its file is harmless, a file nobody can find any more is not.
      if (recording.fileName && FILE_NAME.test(recording.fileName)) await rm(join(deps.recordingsDir, recording.fileName), { force: true });
      await rm(join(deps.recordingsDir, recording.id), { recursive: true, force: true });
      await deps.db.recordings.deleteById(recording.id);
      deleted += 1;
    }
    deps.log.info({ deleted, retentionDays: deps.retentionDays }, "expired recordings deleted");
  }
}

export function recordingRetentionTask(deps: RecordingRetentionDeps): Task {
  return async () => {
    await deleteExpiredRecordings(deps);
  };
}
