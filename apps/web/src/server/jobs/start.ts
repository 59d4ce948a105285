import { env } from "@/env";
import { rsvpKey } from "@/features/notifications/rsvp-token";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { createMailTransport } from "@/server/mail/transport";
import { startJobWorker, type JobWorker } from "./worker";

const holder = globalThis as unknown as { parleyWorker?: Promise<JobWorker> };

/**
 * Starts the mail worker once per process. Without SMTP_URL mail goes to the log and the outbox page.
 * On SIGTERM/SIGINT the worker hands back the jobs it holds, so another process can take them at once.
 */
export async function startBackgroundWork(): Promise<void> {
  if (holder.parleyWorker) return;
  const config = env();
  const transport = createMailTransport({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, mail: db().mail, log: logger });
  holder.parleyWorker = startJobWorker({
    databaseUrl: config.DATABASE_URL,
    db: db(),
    transport,
    publicUrl: config.PUBLIC_URL,
    rsvpKey: rsvpKey(config.BETTER_AUTH_SECRET),
    log: logger,
    ...(config.RECORDINGS_DIR ? { recordings: { dir: config.RECORDINGS_DIR, retentionDays: config.RECORDINGS_RETENTION_DAYS } } : {}),
  });
  const worker = await holder.parleyWorker;
  logger.info({ transport: transport.kind }, transport.kind === "smtp" ? "mail worker started (SMTP)" : "mail worker started (no SMTP_URL: mail goes to the log and /outbox)");
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void worker.stop());
}
