import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "@parley/test-support/smtp-sink";
import { DateTime } from "luxon";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cancelMeeting, scheduleMeeting, updateMeeting } from "@/features/scheduling/service";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import { createMailTransport } from "@/server/mail/transport";
import { MEETING_REMINDER_TASK, reminderJobKey } from "./meeting-reminders";
import { rsvpKey } from "./rsvp-token";

const silent = pino({ level: "silent" });
let db: Db;
let sink: SmtpSink;
let worker: JobWorker;

beforeAll(async () => {
  db = createDb(inject("databaseUrl"));
  sink = await startSmtpSink();
  const transport = createMailTransport({ smtpUrl: sink.url, from: "Parley <parley@parley.test>", mail: db.mail, log: silent });
  worker = await startJobWorker({
    databaseUrl: inject("databaseUrl"),
    db,
    transport,
    publicUrl: "http://parley.test",
    rsvpKey: rsvpKey("s".repeat(32)),
    log: silent,
    pollIntervalMs: 200,
  });
});
afterAll(async () => {
  await worker.stop();
  await sink.stop();
  await db.close();
});

const unique = () => randomUUID().slice(0, 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reminders = (address: string) => sink.messages.filter((m) => m.to.includes(address) && m.subject.startsWith("Reminder:"));
const reminderTo = (address: string) => (mail: ReceivedMail) => mail.to.includes(address) && mail.subject.startsWith("Reminder:");

type QueuedReminder = { id: string; run_at: Date; payload: { meetingId: string; occurrence: string } };
// NOTE: the public jobs view hides payloads; the test reads the queue table itself.
async function queuedReminder(meetingId: string): Promise<QueuedReminder | undefined> {
  const [job] = await db.prisma.$queryRaw<QueuedReminder[]>`
    SELECT id::text, run_at, payload FROM graphile_worker._private_jobs WHERE key = ${reminderJobKey(meetingId)}`;
  return job;
}
/** The queue's clock moved forward: the job is due now (instead of waiting minutes in a test). */
const makeDue = (job: QueuedReminder) => db.prisma.$executeRaw`SELECT graphile_worker.reschedule_jobs(ARRAY[${job.id}::bigint], run_at := now())`;

/** A daily meeting (twice) whose first occurrence starts in about `minutes` minutes, in UTC wall-clock time. */
function dailyInMinutes(minutes: number, invitees: string[], extra: Record<string, unknown> = {}) {
  const start = DateTime.utc().plus({ minutes: minutes + 1 }).startOf("minute");
  return {
    start: start.toJSDate(),
    input: {
      title: "Standup",
      description: "",
      date: start.toISODate(),
      startTime: start.toFormat("HH:mm"),
      endTime: start.plus({ minutes: 15 }).toFormat("HH:mm"),
      timeZone: "UTC",
      rrule: "FREQ=DAILY;COUNT=2",
      invitees,
      lobbyEnabled: false,
      passcode: "",
      ...extra,
    },
  };
}

const createHost = () =>
  db.prisma.user.create({ data: { id: randomUUID(), name: "Rita Reminded", email: `host-${unique()}@example.org`, timeZone: "UTC" } });

describe("meeting reminders through a real SMTP server", { timeout: 60_000 }, () => {
  it("mails the host and everyone who has not declined before each occurrence, once, then queues the next occurrence", async () => {
    const host = await createHost();
    const [bob, cy] = [`bob-${unique()}@example.org`, `cy-${unique()}@example.org`];
    const { start, input } = dailyInMinutes(12, [bob, cy]);
    const created = await scheduleMeeting(db, host.id, input);
    if (!created.ok) throw new Error("schedule failed");
    const meetingId = created.value.id;
    expect(created.value.reminderMinutes).toBe(10);
    expect((await db.meetings.respond(meetingId, cy, "DECLINED")).ok).toBe(true);

    // Queued with the meeting, due ten minutes before the first occurrence.
    const first = (await queuedReminder(meetingId))!;
    expect(first.run_at.toISOString()).toBe(new Date(start.getTime() - 10 * 60_000).toISOString());
    expect(first.payload).toEqual({ meetingId, occurrence: start.toISOString() });

    await makeDue(first);
    for (const address of [host.email, bob]) {
      const mail = await sink.waitFor(reminderTo(address));
      expect(mail.subject).toMatch(/^Reminder: Standup starts in 1[0-3] minutes$/);
      expect(mail.text).toContain("Join the meeting");
      expect(mail.text).toMatch(/http:\/\/parley\.test\/m\/[a-z]{4}-[a-z]{4}-[a-z]{4}/);
    }

    // The next day's occurrence is queued next, at its own reminder time.
    await expect.poll(async () => (await queuedReminder(meetingId))?.payload.occurrence, { timeout: 10_000 }).toBe(
      new Date(start.getTime() + 86_400_000).toISOString(),
    );
    const second = (await queuedReminder(meetingId))!;
    expect(second.run_at.toISOString()).toBe(new Date(start.getTime() + 86_400_000 - 10 * 60_000).toISOString());

    // The same occurrence reminded again (a retried or duplicated job) mails nobody a second time.
    await db.jobs.add([{ task: MEETING_REMINDER_TASK, key: `again-${meetingId}`, payload: { meetingId, occurrence: start.toISOString() } }]);
    await sleep(1500);
    expect(reminders(host.email)).toHaveLength(1);
    expect(reminders(bob)).toHaveLength(1);
    expect(reminders(cy)).toEqual([]);
  });

  it("moves the reminder with the meeting, and sends nothing once it is cancelled or its reminders are off", async () => {
    const host = await createHost();
    const bob = `bob-${unique()}@example.org`;
    const { input } = dailyInMinutes(12, [bob]);
    const created = await scheduleMeeting(db, host.id, input);
    if (!created.ok) throw new Error("schedule failed");
    const meetingId = created.value.id;

    // An hour later and reminded 30 minutes ahead: the queued reminder follows.
    const later = dailyInMinutes(72, [bob], { reminderMinutes: 30 });
    expect((await updateMeeting(db, host.id, meetingId, later.input)).ok).toBe(true);
    const moved = (await queuedReminder(meetingId))!;
    expect(moved.payload.occurrence).toBe(later.start.toISOString());
    expect(moved.run_at.toISOString()).toBe(new Date(later.start.getTime() - 30 * 60_000).toISOString());

    // Reminders turned off: the job that was queued finds nothing to send.
    expect((await updateMeeting(db, host.id, meetingId, { ...later.input, reminderMinutes: null })).ok).toBe(true);
    await makeDue((await queuedReminder(meetingId))!);
    await expect.poll(async () => await queuedReminder(meetingId), { timeout: 10_000 }).toBeUndefined();

    // Cancelled: no reminder either.
    expect((await updateMeeting(db, host.id, meetingId, later.input)).ok).toBe(true);
    expect((await cancelMeeting(db, host.id, meetingId)).ok).toBe(true);
    await makeDue((await queuedReminder(meetingId))!);
    await expect.poll(async () => await queuedReminder(meetingId), { timeout: 10_000 }).toBeUndefined();
    await sleep(500);
    expect(reminders(bob)).toEqual([]);
    expect(reminders(host.email)).toEqual([]);
  });

  it("refuses a reminder further ahead than a week, and queues none for a meeting whose reminder time has passed", async () => {
    const host = await createHost();
    const refused = await scheduleMeeting(db, host.id, dailyInMinutes(60, [], { reminderMinutes: 20_000 }).input);
    expect(refused).toMatchObject({ ok: false, error: { code: "invalid_input", fieldErrors: { reminderMinutes: expect.stringMatching(/at most a week/) } } });

    const soon = dailyInMinutes(3, [], { rrule: null });
    const created = await scheduleMeeting(db, host.id, soon.input);
    if (!created.ok) throw new Error("schedule failed");
    expect(await queuedReminder(created.value.id)).toBeUndefined();
  });
});
