import type { Db } from "@parley/db";
import { Logger, run, type Runner, type Task } from "graphile-worker";
import type { Logger as Pino } from "pino";
import { ACCOUNT_MAIL_TASK, accountMailPayloadSchema, buildAccountMail } from "@/features/notifications/account-mail";
import { buildMeetingMail } from "@/features/notifications/meeting-mail";
import { MEETING_MAIL_TASK, meetingMailPayloadSchema } from "@/features/notifications/meeting-mail-jobs";
import { MEETING_REMINDER_TASK, reminderPayloadSchema, remindersFor } from "@/features/notifications/meeting-reminders";
import type { MailTransport } from "@/server/mail/transport";
import { RECORDING_COMPOSE_TASK, recordingComposeTask } from "./recording-compose";
import { RECORDING_RETENTION_CRONTAB, RECORDING_RETENTION_TASK, recordingRetentionTask } from "./recording-retention";

export type JobWorkerDeps = {
  databaseUrl: string;
  db: Db;
  transport: MailTransport;
  publicUrl: string;
  rsvpKey: Uint8Array;
  log: Pino;
  concurrency?: number;
  /** How often to look for due jobs when no notification arrived (jobs added elsewhere wake it at once). */
  pollIntervalMs?: number;
  /**
   * Recordings (RECORDINGS_DIR set): compose stopped recordings and delete expired ones daily. Absent: neither task
   * runs here (their jobs wait for a worker that has the recordings volume).
   */
  recordings?: { dir: string; retentionDays: number };
};

export type JobWorker = { stop(): Promise<void>; runner: Runner };

/** graphile-worker's log lines, in our JSON log; its per-job chatter only at debug level. */
function workerLogger(log: Pino): Logger {
  return new Logger((scope) => (level, message, meta) => {
    const fields = { queue: { scope: { label: scope.label, taskIdentifier: scope.taskIdentifier, jobId: scope.jobId }, ...meta } };
    if (level === "error") log.error(fields, message);
    else if (level === "warning") log.warn(fields, message);
    else log.debug(fields, message);
  });
}

/**
 * Starts the background worker: it installs or upgrades the queue's schema, then sends queued mail with retries
 * (graphile-worker's exponential backoff). It runs inside the web process; jobs wait in Postgres while no
 * worker runs and are sent once one starts again.
 */
export async function startJobWorker(deps: JobWorkerDeps): Promise<JobWorker> {
  const { log, transport } = deps;

  const meetingMail: Task = async (raw, helpers) => {
    const payload = meetingMailPayloadSchema.safeParse(raw);
    // A payload we cannot read will not get better by retrying: report it and drop the job.
    if (!payload.success) return void log.error({ jobId: helpers.job.id, issues: payload.error.issues }, "meeting mail job has an invalid payload; dropped");
    const mail = await buildMeetingMail(payload.data, { publicUrl: deps.publicUrl, rsvpKey: deps.rsvpKey });
    await transport.deliver(mail);
  };

  const accountMail: Task = async (raw, helpers) => {
    const payload = accountMailPayloadSchema.safeParse(raw);
    if (!payload.success) return void log.error({ jobId: helpers.job.id, issues: payload.error.issues }, "account mail job has an invalid payload; dropped");
    await transport.deliver(await buildAccountMail(payload.data, helpers.job.key ?? `account:job:${helpers.job.id}`));
  };

  const meetingReminder: Task = async (raw, helpers) => {
    const payload = reminderPayloadSchema.safeParse(raw);
    if (!payload.success) return void log.error({ jobId: helpers.job.id, issues: payload.error.issues }, "reminder job has an invalid payload; dropped");
    const { mails, next } = await remindersFor(payload.data, { db: deps.db, publicUrl: deps.publicUrl });
    // Each recipient once per occurrence (the mail key); a retry after a partial failure sends only the rest.
    for (const mail of mails) await transport.deliver(mail);
    // NOTE: the next occurrence's reminder replaces this job's key only after this one's mail left.
    if (next) await deps.db.jobs.add([next]);
  };

  const recordingTasks: Record<string, Task> = deps.recordings
    ? {
        [RECORDING_COMPOSE_TASK]: recordingComposeTask({ db: deps.db, recordingsDir: deps.recordings.dir, log }),
        [RECORDING_RETENTION_TASK]: recordingRetentionTask({ db: deps.db, recordingsDir: deps.recordings.dir, retentionDays: deps.recordings.retentionDays, log }),
      }
    : {};

  const runner = await run({
    connectionString: deps.databaseUrl,
    concurrency: deps.concurrency ?? 2,
    maxPoolSize: 4,
    pollInterval: deps.pollIntervalMs ?? 2000,
    noHandleSignals: true,
    logger: workerLogger(log),
    taskList: { [MEETING_MAIL_TASK]: meetingMail, [ACCOUNT_MAIL_TASK]: accountMail, [MEETING_REMINDER_TASK]: meetingReminder, ...recordingTasks },
    ...(deps.recordings ? { crontab: RECORDING_RETENTION_CRONTAB } : {}),
  });

  if (deps.recordings) {
    // Recordings stopped while no worker had installed the queue (or whose job was lost) are composed now.
    const requeued = await deps.db.recordings.requeueProcessing().catch((error: unknown) => {
      log.error({ err: error }, "re-queueing recordings to compose failed");
      return 0;
    });
    if (requeued > 0) log.info({ requeued }, "recordings waiting to be composed were queued");
  }

  // Failures are visible: each failed attempt is a warning (it will be retried), a job out of attempts an error.
  runner.events.on("job:error", ({ job, error }) => {
    log.warn(
      { job: { id: job.id, task: job.task_identifier, attempts: job.attempts, maxAttempts: job.max_attempts }, err: error },
      "background job failed; it will be retried",
    );
  });
  runner.events.on("job:failed", ({ job, error }) => {
    log.error({ job: { id: job.id, task: job.task_identifier, attempts: job.attempts, key: job.key }, err: error }, "background job gave up after its last attempt");
  });

  let stopped: Promise<void> | undefined;
  return {
    runner,
    stop: () =>
      (stopped ??= (async () => {
        await runner.stop();
        transport.close();
      })()),
  };
}
