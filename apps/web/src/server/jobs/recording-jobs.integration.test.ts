import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb, type Db } from "@parley/db";
import type { JobHelpers } from "graphile-worker";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RECORDING_COMPOSE_TASK, composeRecordingJob, recordingComposeTask } from "./recording-compose";
import { deleteExpiredRecordings } from "./recording-retention";
import { retryRecording } from "./recording-retry";

/**
 * The recording jobs against the real database (with graphile-worker's queue installed): stopping queues the compose
 * job in the same transaction, a failed compose is FAILED with a reason for the host and can be retried by the host
 * only, retention deletes old finished recordings (file and row). Composing real media is proven in signaling's
 * recording netns test and @parley/recording's.
 */
let db: Db;
let dir: string;
const log = pino({ level: "silent" });

beforeAll(async () => {
  db = createDb(inject("databaseUrl"));
  dir = await mkdtemp(join(tmpdir(), "parley-recording-jobs-"));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function stoppedRecording() {
  const host = await db.prisma.user.create({ data: { id: randomUUID(), name: "Hana", email: `${randomUUID()}@example.org` } });
  const meeting = await db.meetings.create({
    hostId: host.id, slug: `r-${randomUUID()}`, title: "Recorded", startsAt: new Date(), durationMinutes: 30, timeZone: "UTC", lobbyEnabled: false, instant: true, invitees: [],
  });
  const recording = await db.recordings.start({ meetingId: meeting.id, occurrenceStart: meeting.startsAt, startedById: host.id, startedByName: "Hana" });
  await db.recordings.stop(recording.id, { stoppedById: host.id, stoppedByName: "Hana" });
  return { host, meeting, recordingId: recording.id };
}

async function queuedCompose(recordingId: string) {
  // NOTE: the public view has no payload; the private table holds it.
  return db.prisma.$queryRawUnsafe<{ task_identifier: string; payload: unknown; queue_name: string | null }[]>(
    "SELECT v.task_identifier, j.payload, v.queue_name FROM graphile_worker.jobs v JOIN graphile_worker._private_jobs j ON j.id = v.id WHERE v.key = $1",
    `${RECORDING_COMPOSE_TASK}:${recordingId}`,
  );
}

const removeJob = (recordingId: string) => db.prisma.$executeRawUnsafe("SELECT graphile_worker.remove_job($1)", `${RECORDING_COMPOSE_TASK}:${recordingId}`);

describe("recording jobs", () => {
  it("stopping a recording queues its compose job (on the one-at-a-time recordings queue), once", async () => {
    const { recordingId } = await stoppedRecording();
    expect(await queuedCompose(recordingId)).toEqual([{ task_identifier: RECORDING_COMPOSE_TASK, payload: { recordingId }, queue_name: "recordings" }]);
    // A second stop changes nothing and queues nothing more.
    expect(await db.recordings.stop(recordingId, { stoppedByName: "Again" })).toBeNull();
    expect(await queuedCompose(recordingId)).toHaveLength(1);
    // A recording left PROCESSING without a job (stopped before any worker installed the queue) is queued at start.
    await removeJob(recordingId);
    expect(await db.recordings.requeueProcessing()).toBeGreaterThanOrEqual(1);
    expect(await queuedCompose(recordingId)).toHaveLength(1);
    await removeJob(recordingId);
  });

  it("fails with a reason for the host when nothing was recorded or the files are missing; the host (only) retries", async () => {
    const { host, recordingId } = await stoppedRecording();
    await removeJob(recordingId);
    // Janus opened a stream but never wrote a packet to it: nothing to compose.
    await mkdir(join(dir, recordingId));
    await writeFile(join(dir, recordingId, "p1_abcd-publisher-video-1.mjr"), "MJR00002");
    const failed = await composeRecordingJob({ db, recordingsDir: dir, log }, recordingId);
    expect(failed).toMatchObject({ outcome: "failed", code: "no_media" });
    expect(await db.recordings.findById(recordingId)).toMatchObject({ state: "FAILED", failureReason: expect.stringMatching(/Nothing was recorded/) });
    // Run again (a job retried by the queue): a FAILED recording is left alone.
    expect(await composeRecordingJob({ db, recordingsDir: dir, log }, recordingId)).toMatchObject({ outcome: "skipped" });

    const stranger = randomUUID();
    expect(await retryRecording(recordingId, stranger, db)).toEqual({ ok: false, error: "not_found" });
    expect(await retryRecording(randomUUID(), host.id, db)).toEqual({ ok: false, error: "not_found" });
    expect(await retryRecording("../../etc/passwd", host.id, db)).toEqual({ ok: false, error: "not_found" });
    expect((await db.recordings.findById(recordingId))?.state).toBe("FAILED");
    expect(await queuedCompose(recordingId)).toEqual([]);

    expect(await retryRecording(recordingId, host.id, db)).toEqual({ ok: true });
    expect(await db.recordings.findById(recordingId)).toMatchObject({ state: "PROCESSING", progress: 0, failureReason: null });
    expect(await queuedCompose(recordingId)).toHaveLength(1);
    expect(await retryRecording(recordingId, host.id, db)).toEqual({ ok: false, error: "not_failed" });

    // The files are gone meanwhile (deleted by hand): a clear reason again, through the worker's task.
    await rm(join(dir, recordingId), { recursive: true });
    const task = recordingComposeTask({ db, recordingsDir: dir, log });
    await task({ recordingId }, { job: { id: "1" }, abortSignal: new AbortController().signal } as unknown as JobHelpers);
    expect(await db.recordings.findById(recordingId)).toMatchObject({ state: "FAILED", failureReason: "The recording's files are missing." });
    await removeJob(recordingId);
  });

  it("a job whose payload is not a recording id is dropped, changing nothing", async () => {
    const { recordingId } = await stoppedRecording();
    await removeJob(recordingId);
    const task = recordingComposeTask({ db, recordingsDir: dir, log });
    await task({ recordingId: "../x" }, { job: { id: "2" }, abortSignal: new AbortController().signal } as unknown as JobHelpers);
    expect((await db.recordings.findById(recordingId))?.state).toBe("PROCESSING");
  });

  it("retention deletes finished and failed recordings older than the limit (file, raw files, row), nothing else", async () => {
    const retentionDir = await mkdtemp(join(dir, "retention-"));
    const old = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    const make = async (state: "READY" | "FAILED" | "PROCESSING", startedAt: Date) => {
      const { recordingId } = await stoppedRecording();
      await removeJob(recordingId);
      const fileName = `${recordingId}.mp4`;
      await writeFile(join(retentionDir, fileName), "mp4");
      await mkdir(join(retentionDir, recordingId));
      await writeFile(join(retentionDir, recordingId, "a-publisher-audio-0.mjr"), "raw");
      await db.prisma.recording.update({ where: { id: recordingId }, data: { state, startedAt, ...(state === "READY" ? { fileName } : {}) } });
      return recordingId;
    };
    const oldReady = await make("READY", old);
    const oldFailed = await make("FAILED", old);
    const oldProcessing = await make("PROCESSING", old);
    const recentReady = await make("READY", new Date());

    const deleted = await deleteExpiredRecordings({ db, recordingsDir: retentionDir, retentionDays: 30, log });
    expect(deleted).toBeGreaterThanOrEqual(2);
    expect(await db.recordings.findById(oldReady)).toBeNull();
    expect(await db.recordings.findById(oldFailed)).toBeNull();
    expect(await db.recordings.findById(oldProcessing)).not.toBeNull();
    expect(await db.recordings.findById(recentReady)).not.toBeNull();
    // The failed one's raw files went; a file its row never named is not touched (only stored names are deleted).
    expect((await readdir(retentionDir)).sort()).toEqual([`${oldFailed}.mp4`, oldProcessing, `${oldProcessing}.mp4`, recentReady, `${recentReady}.mp4`].sort());
  });
});
