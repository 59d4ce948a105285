import { timingSafeEqual } from "node:crypto";
import type { Db } from "@parley/db";
import { Gauge, Registry } from "prom-client";

/**
 * The web app's Prometheus metrics: what the background queue holds (per task: waiting, retrying, failed) and how
 * much mail left (SMTP or the local outbox). Read from Postgres at each scrape, so every web instance reports the
 * same truth and nothing is lost on restart. Label values come from our own task names and two transports only.
 */
export async function renderMetrics(db: Pick<Db, "jobs" | "mail">): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const jobs = new Gauge({
    name: "parley_web_jobs",
    help: "Background jobs by task and state (waiting, retrying after a failure, failed: out of attempts)",
    labelNames: ["task", "state"] as const,
    registers: [registry],
  });
  const mail = new Gauge({
    name: "parley_web_mail_messages",
    help: "Mail messages that left, by transport (smtp, or outbox when no SMTP is configured)",
    labelNames: ["transport"] as const,
    registers: [registry],
  });
  const [stats, sent] = await Promise.all([db.jobs.stats(), db.mail.countByTransport()]);
  for (const stat of stats) {
    jobs.set({ task: stat.task, state: "waiting" }, stat.waiting);
    jobs.set({ task: stat.task, state: "retrying" }, stat.retrying);
    jobs.set({ task: stat.task, state: "failed" }, stat.failed);
  }
  mail.set({ transport: "smtp" }, sent.SMTP);
  mail.set({ transport: "outbox" }, sent.OUTBOX);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** `Authorization: Bearer <METRICS_TOKEN>`, compared in constant time; never when no token is configured. */
export function metricsAuthorized(authorization: string | null, token: string | undefined): boolean {
  if (!token) return false;
  const given = /^Bearer (.{1,500})$/.exec(authorization ?? "")?.[1];
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
