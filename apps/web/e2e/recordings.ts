import { copyFile, mkdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { makeWorkerUtils } from "graphile-worker";
import { makeTestVideo } from "../src/test/test-video";
import { E2E_RECORDINGS_DIR, POSTGRES_PORT } from "./ports";

let db: Db | undefined;

/**
 * The stack's own database (embedded Postgres on POSTGRES_PORT): recordings are put in place here as the worker
 * would leave them (the Janus → file pipeline has its own test in @parley/recording), so the page is tested alone.
 */
export function stackDb(): Db {
  db ??= createDb(`postgresql://postgres:postgres@127.0.0.1:${POSTGRES_PORT}/parley`);
  return db;
}

let source: Promise<string> | undefined;

/**
 * A finished recording row written straight into the stack's database, as the worker leaves one. Not through
 * `recordings.stop`: that queues a compose job, and the stack's real worker would take it at once (and, finding no
 * raw files, mark it FAILED before the fixture could mark it READY).
 */
export async function insertFinishedRecording(
  meetingId: string,
  startedByName: string,
  outcome: { state: "READY"; fileName: string; sizeBytes: number; durationMs: number } | { state: "FAILED"; failureReason: string },
): Promise<string> {
  const id = randomUUID();
  const utils = await makeWorkerUtils({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${POSTGRES_PORT}/parley` });
  try {
    await utils.withPgClient((client) =>
      client.query(
        `INSERT INTO recording (id, "meetingId", "occurrenceStart", state, progress, "startedByName", "stoppedByName", "stoppedAt",
           "durationMs", "sizeBytes", "fileName", "failureReason", "updatedAt")
         VALUES ($1, $2, now(), $3::"RecordingState", 0, $4, $4, now(), $5, $6, $7, $8, now())`,
        [
          id,
          meetingId,
          outcome.state,
          startedByName,
          outcome.state === "READY" ? outcome.durationMs : null,
          outcome.state === "READY" ? outcome.sizeBytes : null,
          outcome.state === "READY" ? outcome.fileName : null,
          outcome.state === "FAILED" ? outcome.failureReason : null,
        ],
      ),
    );
  } finally {
    await utils.release();
  }
  return id;
}

/** A READY recording of the meeting at `slug`, with a real ffmpeg-made MP4 in RECORDINGS_DIR; returns it and the file's size. */
export async function readyRecordingFor(slug: string, startedByName: string) {
  const file = await (source ??= (async () => {
    const path = join(tmpdir(), `parley-e2e-source-${process.pid}.mp4`);
    await makeTestVideo(path, 4);
    return path;
  })());
  const meeting = await stackDb().meetings.findBySlug(slug);
  if (!meeting) throw new Error(`no meeting ${slug}`);
  const fileName = `${randomUUID()}.mp4`;
  await mkdir(E2E_RECORDINGS_DIR, { recursive: true });
  await copyFile(file, join(E2E_RECORDINGS_DIR, fileName));
  const { size } = await stat(file);
  const id = await insertFinishedRecording(meeting.id, startedByName, { state: "READY", fileName, sizeBytes: size, durationMs: 4000 });
  return { id, meetingId: meeting.id, file: join(E2E_RECORDINGS_DIR, fileName), size };
}
