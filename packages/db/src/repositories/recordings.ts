import { z } from "zod";
import { DbError, parseInput, prismaErrorCode } from "../errors";
import type { Prisma, PrismaClient, Recording } from "../generated/prisma/client";
import { addJobs, jobQueueInstalled, type QueuedJob } from "../jobs/queued-job";

/** The worker task that composes a stopped recording (apps/web registers it). */
export const RECORDING_COMPOSE_TASK = "recording_compose";

/** The compose job of one recording: one job per recording at a time (its key), one compose at a time (its queue). */
export function recordingComposeJob(recordingId: string): QueuedJob {
  return { task: RECORDING_COMPOSE_TASK, payload: { recordingId }, key: `${RECORDING_COMPOSE_TASK}:${recordingId}`, queue: "recordings", maxAttempts: 3 };
}

/** Queue the compose job in the caller's transaction, if the queue is installed (else the worker finds it at start). */
async function queueCompose(tx: Prisma.TransactionClient, recordingId: string): Promise<void> {
  if (await jobQueueInstalled(tx)) await addJobs(tx, [recordingComposeJob(recordingId)]);
}

const startSchema = z.object({
  meetingId: z.uuid(),
  occurrenceStart: z.date(),
  startedById: z.string().min(1).max(200).nullable().optional(),
  startedByName: z.string().trim().min(1).max(200),
});
const stopSchema = z.object({
  stoppedById: z.string().min(1).max(200).nullable().optional(),
  stoppedByName: z.string().trim().min(1).max(200),
  at: z.date().optional(),
});
const readySchema = z.object({
  durationMs: z.number().int().min(0).max(2_147_483_647),
  sizeBytes: z.number().int().min(0),
  // A bare file name: the web app joins it to RECORDINGS_DIR, so no separators or dot-dot can ever reach a path.
  fileName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/).refine((n) => !n.includes(".."), "no '..'"),
});

export type StartRecordingInput = z.input<typeof startSchema>;
export type StopRecordingInput = z.input<typeof stopSchema>;
export type RecordingReadyInput = z.input<typeof readySchema>;

export type RecordingRepository = {
  /** Starts a recording. Throws DbError("conflict") while one is running for the meeting, "not_found" for no meeting. */
  start(input: StartRecordingInput): Promise<Recording>;
  /** The meeting's running recording, or null. */
  running(meetingId: string): Promise<Recording | null>;
  /**
   * RECORDING → PROCESSING (once) with its compose job queued in the same transaction; null when it is not running
   * (already stopped, or unknown).
   */
  stop(id: string, input: StopRecordingInput): Promise<Recording | null>;
  /** Deletes a recording that is still RECORDING and never recorded anything (its start was refused); true if it did. */
  cancel(id: string): Promise<boolean>;
  /** Processing progress (0-100), only while PROCESSING. */
  reportProgress(id: string, percent: number): Promise<void>;
  /** PROCESSING → READY with the composed file. */
  markReady(id: string, input: RecordingReadyInput): Promise<Recording | null>;
  /** PROCESSING → FAILED with a reason for the host. */
  markFailed(id: string, reason: string): Promise<Recording | null>;
  /** FAILED → PROCESSING (progress reset) with its compose job queued again, for a retry. */
  retry(id: string): Promise<Recording | null>;
  /** `retry` for the meeting's host only: anyone else's recording (or an unknown one) is `not_found`. */
  retryForHost(id: string, userId: string): Promise<{ ok: true; recording: Recording } | { ok: false; error: "not_found" | "not_failed" }>;
  /** Queues the compose job of every PROCESSING recording (one left without a job is composed; queued ones stay as they are). */
  requeueProcessing(): Promise<number>;
  /** Deletes one recording (retention); returns it so its files can go too. */
  deleteById(id: string): Promise<Recording | null>;
  findById(id: string): Promise<Recording | null>;
  /** A meeting's recordings, newest first. */
  listForMeeting(meetingId: string): Promise<Recording[]>;
  /** Deletes one recording of `meetingId` (never another meeting's); returns it so its file can go too. */
  deleteForMeeting(meetingId: string, id: string): Promise<Recording | null>;
  /** Finished recordings started before `before` (retention). */
  listExpired(before: Date, limit?: number): Promise<Recording[]>;
};

const isUuid = (id: string) => z.uuid().safeParse(id).success;

export function createRecordingRepository(prisma: PrismaClient): RecordingRepository {
  /** A guarded state change: only rows in `from` change; null when none did. */
  async function transition(id: string, from: Recording["state"], data: Parameters<PrismaClient["recording"]["updateMany"]>[0]["data"]) {
    if (!isUuid(id)) return null;
    const { count } = await prisma.recording.updateMany({ where: { id, state: from }, data });
    return count === 0 ? null : prisma.recording.findUnique({ where: { id } });
  }

  /** `transition` and, when it happened, the recording's compose job, in one transaction. */
  async function transitionWithCompose(id: string, from: Recording["state"], data: Parameters<PrismaClient["recording"]["updateMany"]>[0]["data"]) {
    if (!isUuid(id)) return null;
    return prisma.$transaction(async (tx) => {
      const { count } = await tx.recording.updateMany({ where: { id, state: from }, data });
      if (count === 0) return null;
      await queueCompose(tx, id);
      return tx.recording.findUnique({ where: { id } });
    });
  }

  return {
    async start(input) {
      const data = parseInput(startSchema, input, "recording");
      try {
        return await prisma.recording.create({ data });
      } catch (error) {
        if (prismaErrorCode(error) === "P2002") throw new DbError("conflict", "the meeting is already being recorded", { cause: error });
        if (prismaErrorCode(error) === "P2003") throw new DbError("not_found", "meeting does not exist", { cause: error });
        throw error;
      }
    },

    async running(meetingId) {
      if (!isUuid(meetingId)) return null;
      return prisma.recording.findFirst({ where: { meetingId, state: "RECORDING" } });
    },

    async stop(id, input) {
      const { at, ...who } = parseInput(stopSchema, input, "recording stop");
      const current = isUuid(id) ? await prisma.recording.findUnique({ where: { id } }) : null;
      if (!current) return null;
      const stoppedAt = at && at > current.startedAt ? at : new Date(Math.max(Date.now(), current.startedAt.getTime()));
      return transitionWithCompose(id, "RECORDING", { ...who, stoppedAt, state: "PROCESSING", progress: 0 });
    },

    async cancel(id) {
      if (!isUuid(id)) return false;
      const { count } = await prisma.recording.deleteMany({ where: { id, state: "RECORDING" } });
      return count > 0;
    },

    async reportProgress(id, percent) {
      const progress = parseInput(z.number().int().min(0).max(100), percent, "progress");
      if (isUuid(id)) await prisma.recording.updateMany({ where: { id, state: "PROCESSING" }, data: { progress } });
    },

    async markReady(id, input) {
      const data = parseInput(readySchema, input, "finished recording");
      return transition(id, "PROCESSING", { ...data, sizeBytes: BigInt(data.sizeBytes), state: "READY", progress: 100, failureReason: null });
    },

    async markFailed(id, reason) {
      const failureReason = parseInput(z.string().trim().min(1).max(1000), reason, "failure reason");
      return transition(id, "PROCESSING", { state: "FAILED", failureReason });
    },

    retry: (id) => transitionWithCompose(id, "FAILED", { state: "PROCESSING", progress: 0, failureReason: null }),

    async retryForHost(id, userId) {
      if (!isUuid(id)) return { ok: false, error: "not_found" };
      const found = await prisma.recording.findUnique({ where: { id }, include: { meeting: { select: { hostId: true } } } });
      if (!found || found.meeting.hostId !== userId) return { ok: false, error: "not_found" };
      const retried = await transitionWithCompose(id, "FAILED", { state: "PROCESSING", progress: 0, failureReason: null });
      return retried ? { ok: true, recording: retried } : { ok: false, error: "not_failed" };
    },

    async requeueProcessing() {
      const pending = await prisma.recording.findMany({ where: { state: "PROCESSING" }, select: { id: true }, take: 1000 });
      if (pending.length > 0) await prisma.$transaction((tx) => addJobs(tx, pending.map((r) => recordingComposeJob(r.id))));
      return pending.length;
    },

    async deleteById(id) {
      if (!isUuid(id)) return null;
      const found = await prisma.recording.findUnique({ where: { id } });
      if (!found) return null;
      const { count } = await prisma.recording.deleteMany({ where: { id } });
      return count === 0 ? null : found;
    },

    async findById(id) {
      return isUuid(id) ? prisma.recording.findUnique({ where: { id } }) : null;
    },

    async listForMeeting(meetingId) {
      if (!isUuid(meetingId)) return [];
      return prisma.recording.findMany({ where: { meetingId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take: 500 });
    },

    async deleteForMeeting(meetingId, id) {
      if (!isUuid(meetingId) || !isUuid(id)) return null;
      const found = await prisma.recording.findFirst({ where: { id, meetingId } });
      if (!found) return null;
      const { count } = await prisma.recording.deleteMany({ where: { id, meetingId } });
      return count === 0 ? null : found;
    },

    async listExpired(before, limit = 100) {
      const take = parseInput(z.number().int().min(1).max(1000), limit, "limit");
      return prisma.recording.findMany({
        where: { startedAt: { lt: before }, state: { in: ["READY", "FAILED"] } },
        orderBy: { startedAt: "asc" },
        take,
      });
    },
  };
}
