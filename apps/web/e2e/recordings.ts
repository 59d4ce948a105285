import { copyFile, mkdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "@parley/db";
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

/** A READY recording of the meeting at `slug`, with a real ffmpeg-made MP4 in RECORDINGS_DIR; returns it and the file's size. */
export async function readyRecordingFor(slug: string, startedByName: string) {
  const file = await (source ??= (async () => {
    const path = join(tmpdir(), `parley-e2e-source-${process.pid}.mp4`);
    await makeTestVideo(path, 4);
    return path;
  })());
  const meeting = await stackDb().meetings.findBySlug(slug);
  if (!meeting) throw new Error(`no meeting ${slug}`);
  const started = await stackDb().recordings.start({ meetingId: meeting.id, occurrenceStart: new Date(), startedByName });
  await stackDb().recordings.stop(started.id, { stoppedByName: startedByName });
  const fileName = `${started.id}.mp4`;
  await mkdir(E2E_RECORDINGS_DIR, { recursive: true });
  await copyFile(file, join(E2E_RECORDINGS_DIR, fileName));
  const { size } = await stat(file);
  await stackDb().recordings.markReady(started.id, { durationMs: 4000, sizeBytes: size, fileName });
  return { id: started.id, meetingId: meeting.id, file: join(E2E_RECORDINGS_DIR, fileName), size };
}
