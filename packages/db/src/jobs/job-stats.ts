// What the background queue holds, per task, for the operator's metrics. Read from graphile-worker's `jobs` view
// (its schema in our Postgres): a job leaves the table once it succeeded, so what is left is waiting, retrying
// after a failure, or out of attempts.
import type { PrismaClient } from "../generated/prisma/client";

export type JobStat = {
  task: string;
  /** Not tried yet (including jobs scheduled for later, such as reminders). */
  waiting: number;
  /** Failed at least once, will be tried again. */
  retrying: number;
  /** Out of attempts: needs an operator (the last error is in graphile_worker.jobs). */
  failed: number;
};

export async function jobStats(prisma: PrismaClient): Promise<JobStat[]> {
  try {
    const rows = await prisma.$queryRaw<{ task: string; waiting: bigint; retrying: bigint; failed: bigint }[]>`
      SELECT task_identifier AS task,
             count(*) FILTER (WHERE attempts = 0) AS waiting,
             count(*) FILTER (WHERE attempts > 0 AND attempts < max_attempts) AS retrying,
             count(*) FILTER (WHERE attempts >= max_attempts) AS failed
      FROM graphile_worker.jobs
      GROUP BY task_identifier
      ORDER BY task_identifier`;
    return rows.map((r) => ({ task: r.task, waiting: Number(r.waiting), retrying: Number(r.retrying), failed: Number(r.failed) }));
  } catch (error) {
    // Before the worker first started, graphile-worker's schema does not exist yet: nothing is queued.
    if (isMissingRelation(error)) return [];
    throw error;
  }
}

/**
 * Only graphile-worker's own schema or view missing (Postgres 3F000 / 42P01 naming it): any other error, such as a
 * renamed column after an upgrade, must reach the scrape instead of reading as "nothing queued".
 */
function isMissingRelation(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /(3F000|42P01)/.test(text) && /graphile_worker/.test(text);
}
