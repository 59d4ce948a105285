// Background jobs written in the same transaction as the change they belong to, so a meeting and its
// invitations commit together or not at all. The queue is graphile-worker's (its schema lives in the same
// Postgres and is installed by the worker that drains it); this package only calls its SQL API.
import { z } from "zod";
import { parseInput } from "../errors";
import type { Prisma } from "../generated/prisma/client";

const queuedJobSchema = z.object({
  /** The worker task that handles the job. */
  task: z.string().regex(/^[a-z][a-z0-9_:]{0,63}$/),
  payload: z.record(z.string(), z.unknown()),
  /** Idempotency key: a job with the same key that is still queued or running is not added again. */
  key: z.string().min(1).max(500),
  /**
   * dedupe: a job with the same key that is still queued is kept as it is (the new one is dropped);
   * replace: the queued job is replaced by this one (a rescheduled reminder).
   */
  keyMode: z.enum(["dedupe", "replace"]).default("dedupe"),
  runAt: z.date().optional(),
  maxAttempts: z.number().int().min(1).max(50).default(12),
  /** Jobs of one named queue run one at a time, in order (e.g. composing recordings: one ffmpeg at a time). */
  queue: z.string().regex(/^[a-z][a-z0-9_:-]{0,63}$/).optional(),
});

export type QueuedJob = z.input<typeof queuedJobSchema>;

/** Adds jobs through graphile-worker's `add_job` inside the caller's transaction. */
export async function addJobs(tx: Prisma.TransactionClient, jobs: readonly QueuedJob[]): Promise<void> {
  for (const raw of jobs) {
    const job = parseInput(queuedJobSchema, raw, "job");
    await tx.$executeRaw`SELECT 1 FROM graphile_worker.add_job(
      ${job.task},
      ${JSON.stringify(job.payload)}::json,
      run_at := ${job.runAt ?? null}::timestamptz,
      max_attempts := ${job.maxAttempts}::int,
      job_key := ${job.key},
      job_key_mode := ${job.keyMode === "replace" ? "replace" : "unsafe_dedupe"}::text,
      queue_name := ${job.queue ?? null}::text
    )`;
  }
}

/**
 * Whether graphile-worker's queue is installed (its worker creates the schema at start). A service that may write
 * before any worker ran (signaling) queues only when it is; the worker picks up what was left when it starts.
 */
export async function jobQueueInstalled(tx: Prisma.TransactionClient): Promise<boolean> {
  const rows = await tx.$queryRaw<{ installed: boolean }[]>`SELECT EXISTS (
    SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'graphile_worker' AND p.proname = 'add_job'
  ) AS installed`;
  return rows[0]?.installed === true;
}
