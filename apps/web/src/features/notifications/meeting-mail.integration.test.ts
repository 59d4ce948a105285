import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { startSmtpSink, type ReceivedMail, type SmtpSink } from "@parley/test-support/smtp-sink";
import ICAL from "ical.js";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildAgenda } from "@/features/scheduling/agenda";
import { meetingToIcs } from "@/features/scheduling/ics";
import { cancelMeeting, changeOccurrence, scheduleMeeting, updateMeeting } from "@/features/scheduling/service";
import { meetingTiming } from "@/features/scheduling/timing";
import { startJobWorker, type JobWorker } from "@/server/jobs/worker";
import { renderMetrics } from "@/server/metrics";
import { createMailTransport } from "@/server/mail/transport";
import { rsvpKey, verifyRsvpToken } from "./rsvp-token";

const PUBLIC_URL = "http://parley.test";
const KEY = rsvpKey("s".repeat(32));
const silent = pino({ level: "silent" });

let db: Db;
let sink: SmtpSink;
let worker: JobWorker | undefined;

const startWorker = async () => {
  const transport = createMailTransport({ smtpUrl: sink.url, from: "Parley <parley@parley.test>", mail: db.mail, log: silent });
  worker = await startJobWorker({ databaseUrl: inject("databaseUrl"), db, transport, publicUrl: PUBLIC_URL, rsvpKey: KEY, log: silent, pollIntervalMs: 200 });
};
const stopWorker = async () => {
  await worker?.stop();
  worker = undefined;
};

beforeAll(async () => {
  db = createDb(inject("databaseUrl"));
  sink = await startSmtpSink();
  await startWorker();
});
afterAll(async () => {
  await stopWorker();
  await sink.stop();
  await db.close();
});

const unique = () => randomUUID().slice(0, 8);
const createHost = () =>
  db.prisma.user.create({ data: { id: randomUUID(), name: "Ada Host", email: `host-${unique()}@example.org`, timeZone: "Europe/Berlin" } });

/** Weekly on Monday 09:00 Berlin, four times, across the switch to summer time on 28 March 2027. */
const weekly = (invitees: string[]) => ({
  title: "Planning",
  description: "",
  date: "2027-03-22",
  startTime: "09:00",
  endTime: "09:45",
  timeZone: "Europe/Berlin",
  rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
  invitees,
  lobbyEnabled: false,
  passcode: "",
});

const to = (address: string, subject?: RegExp) => (mail: ReceivedMail) => mail.to.includes(address) && (!subject || subject.test(mail.subject));
const mailsTo = (address: string) => sink.messages.filter((m) => m.to.includes(address));

/** Parses the mail's calendar part with ical.js: method, sequence, attendees and the occurrences it yields. */
function readInvite(mail: ReceivedMail) {
  expect(mail.calendars).toHaveLength(1);
  const calendar = new ICAL.Component(ICAL.parse(mail.calendars[0]!.content));
  const zone = calendar.getFirstSubcomponent("vtimezone");
  if (zone) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const event = new ICAL.Event(vevent);
  const starts: string[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && starts.length < 50; next = iterator.next()) starts.push(next.toJSDate().toISOString());
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: event.uid,
    sequence: Number(vevent.getFirstPropertyValue("sequence")),
    status: String(vevent.getFirstPropertyValue("status")),
    attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).replace(/^mailto:/i, "").toLowerCase()),
    rsvp: vevent.getAllProperties("attendee").map((p) => p.getParameter("rsvp")),
    dtstamp: vevent.getFirstProperty("dtstamp")!.toICALString(),
    recurrenceId: vevent.hasProperty("recurrence-id") ? (vevent.getFirstPropertyValue("recurrence-id") as ICAL.Time).toJSDate().toISOString() : null,
    events: calendar.getAllSubcomponents("vevent").length,
    start: event.startDate.toJSDate().toISOString(),
    starts,
  };
}

/** Every occurrence a calendar app shows for a whole-meeting .ics: the series without EXDATEs, with moved ones moved. */
function calendarOccurrences(ics: string): string[] {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const vevents = calendar.getAllSubcomponents("vevent");
  const event = new ICAL.Event(vevents.find((v) => !v.hasProperty("recurrence-id")));
  for (const exception of vevents.filter((v) => v.hasProperty("recurrence-id"))) event.relateException(exception);
  const starts: string[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && starts.length < 50; next = iterator.next()) {
    starts.push(event.getOccurrenceDetails(next).startDate.toJSDate().toISOString());
  }
  return starts.sort();
}

// NOTE: one test is a dozen scheduling transactions and SMTP round trips: 20 s was too little under turbo's load.
describe("meeting mail through a real SMTP server", { timeout: 60_000 }, () => {
  it("invites, updates, un-invites and cancels the right people with iTIP messages that match the dashboard", async () => {
    const host = await createHost();
    const [bob, cy, dee] = ["bob", "cy", "dee"].map((name) => `${name}-${unique()}@example.org`) as [string, string, string];

    const created = await scheduleMeeting(db, host.id, weekly([bob, cy]));
    if (!created.ok) throw new Error("schedule failed");
    const meetingId = created.value.id;

    for (const invitee of [bob, cy]) {
      const mail = await sink.waitFor(to(invitee, /^Invitation: Planning/));
      const invite = readInvite(mail);
      expect(invite).toMatchObject({ method: "REQUEST", uid: `${meetingId}@parley`, sequence: 0, status: "CONFIRMED" });
      expect(invite.attendees.sort()).toEqual([bob, cy].sort());
      expect(invite.rsvp.every((value) => value === "TRUE")).toBe(true);
      expect(invite.dtstamp).toMatch(/Z$/);
      // The occurrences the calendar app will show are the dashboard's, across the DST change.
      const stored = (await db.meetings.findById(meetingId))!;
      const dashboard = buildAgenda([stored], new Date("2027-03-01T00:00:00Z")).upcoming.map((o) => o.start.toISOString());
      expect(invite.starts).toEqual(dashboard);
      expect(invite.starts).toEqual(["2027-03-22T08:00:00.000Z", "2027-03-29T07:00:00.000Z", "2027-04-05T07:00:00.000Z", "2027-04-12T07:00:00.000Z"]);
      // The mail's RSVP links carry a token for this invitee and this meeting.
      const link = /http:\/\/parley\.test\/rsvp\/([^?\s"]+)\?answer=accepted/.exec(mail.text)?.[1];
      expect(link).toBeDefined();
      expect(await verifyRsvpToken(KEY, link!)).toEqual({ ok: true, claims: { meetingId, email: invitee } });
      expect(mail.html).toContain("Yes, I will attend");
    }
    expect(mailsTo(host.email)).toEqual([]);

    // Edit the series (10:00 instead of 09:00), drop cy, add dee.
    const edited = await updateMeeting(db, host.id, meetingId, { ...weekly([bob, dee]), startTime: "10:00", endTime: "10:45" });
    expect(edited.ok).toBe(true);
    const update = readInvite(await sink.waitFor(to(bob, /^Updated invitation: Planning/)));
    expect(update).toMatchObject({ method: "REQUEST", uid: `${meetingId}@parley`, sequence: 1 });
    expect(update.starts[1]).toBe("2027-03-29T08:00:00.000Z");
    const removed = readInvite(await sink.waitFor(to(cy, /^Cancelled: Planning/)));
    expect(removed).toMatchObject({ method: "CANCEL", uid: `${meetingId}@parley`, sequence: 1, status: "CANCELLED", attendees: [cy] });
    const added = readInvite(await sink.waitFor(to(dee, /^Invitation: Planning/)));
    expect(added).toMatchObject({ method: "REQUEST", sequence: 1 });

    // Only the invitee list changes: nobody who stays is bothered.
    const before = sink.messages.length;
    expect((await updateMeeting(db, host.id, meetingId, { ...weekly([bob]), startTime: "10:00", endTime: "10:45" })).ok).toBe(true);
    expect(readInvite(await sink.waitFor(to(dee, /^Cancelled/)))).toMatchObject({ method: "CANCEL", sequence: 2 });

    expect((await cancelMeeting(db, host.id, meetingId)).ok).toBe(true);
    const cancel = readInvite(await sink.waitFor(to(bob, /^Cancelled: Planning/)));
    expect(cancel).toMatchObject({ method: "CANCEL", uid: `${meetingId}@parley`, sequence: 3, status: "CANCELLED" });

    await new Promise((r) => setTimeout(r, 500));
    expect(sink.messages.length - before).toBe(2); // dee's cancellation and bob's, nothing else
    expect(mailsTo(bob).map((m) => m.subject.split(":")[0])).toEqual(["Invitation", "Updated invitation", "Cancelled"]);
    expect(mailsTo(cy).map((m) => m.subject.split(":")[0])).toEqual(["Invitation", "Cancelled"]);
    expect(mailsTo(host.email)).toEqual([]);
  });

  it("keeps queued mail across a restart of the worker and sends it afterwards", async () => {
    await stopWorker();
    const host = await createHost();
    const invitee = `restart-${unique()}@example.org`;
    const created = await scheduleMeeting(db, host.id, weekly([invitee]));
    expect(created.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    expect(mailsTo(invitee)).toEqual([]);
    await startWorker();
    expect(readInvite(await sink.waitFor(to(invitee, /^Invitation/)))).toMatchObject({ method: "REQUEST", sequence: 0 });
  });

  it("never fails scheduling when SMTP refuses mail: the job retries with backoff and the failure is recorded", async () => {
    sink.refuseMail(true);
    try {
      const host = await createHost();
      const invitee = `refused-${unique()}@example.org`;
      const created = await scheduleMeeting(db, host.id, weekly([invitee]));
      expect(created.ok).toBe(true);
      const key = `meeting:${created.ok ? created.value.id : ""}:0:${invitee}:invitation`;
      let failed: { attempts: number; last_error: string | null } | undefined;
      for (let i = 0; i < 100 && !failed?.last_error; i++) {
        await new Promise((r) => setTimeout(r, 100));
        [failed] = await db.prisma.$queryRaw<{ attempts: number; last_error: string | null }[]>`
          SELECT attempts, last_error FROM graphile_worker.jobs WHERE key = ${key}`;
      }
      expect(failed?.attempts).toBe(1);
      expect(failed?.last_error).toMatch(/451|Try again later/);
      expect(mailsTo(invitee)).toEqual([]);
      // The operator sees it: the retrying job in the metrics.
      const retrying = (body: string) => Number(/parley_web_jobs\{task="([^"]+)",state="retrying"\} (\d+)/.exec(body)?.[2] ?? 0);
      expect(retrying((await renderMetrics(db)).body)).toBeGreaterThanOrEqual(1);
      const sentBefore = (await db.mail.countByTransport()).SMTP;
      sink.refuseMail(false);
      // First retry after about e^1 ≈ 3 s.
      await sink.waitFor(to(invitee, /^Invitation/), 15_000);
      // (Other test files share the database and send mail too: at least one more.)
      const sentSmtp = (body: string) => Number(/parley_web_mail_messages\{transport="smtp"\} (\d+)/.exec(body)?.[1] ?? 0);
      await expect.poll(async () => sentSmtp((await renderMetrics(db)).body)).toBeGreaterThan(sentBefore);
    } finally {
      sink.refuseMail(false);
    }
  });

  it("sends a message once even when its job is queued again", async () => {
    const host = await createHost();
    const invitee = `once-${unique()}@example.org`;
    const created = await scheduleMeeting(db, host.id, weekly([invitee]));
    if (!created.ok) throw new Error("schedule failed");
    const first = await sink.waitFor(to(invitee, /^Invitation/));
    const { jobsForScheduled } = await import("./meeting-mail-jobs");
    await db.jobs.add(jobsForScheduled((await db.meetings.findById(created.value.id))!));
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(invitee)).toEqual([first]);
  });

  it("writes nothing, meeting or mail, when queueing its invitations fails", async () => {
    const host = await createHost();
    const slug = `atomic-${unique()}`;
    await expect(
      db.meetings.create(
        { hostId: host.id, slug, title: "T", startsAt: new Date(), durationMinutes: 30, timeZone: "UTC", lobbyEnabled: false, instant: false, invitees: ["x@example.org"] },
        { jobs: () => [{ task: "not a task!", key: "k", payload: {} }] },
      ),
    ).rejects.toThrow(/invalid job/);
    expect(await db.meetings.findBySlug(slug)).toBeNull();
  });

  it("moves and cancels one occurrence: iTIP with RECURRENCE-ID and SEQUENCE + 1, and the .ics, dashboard and join page agree", async () => {
    const host = await createHost();
    const [bob, cy] = ["bob", "cy"].map((name) => `${name}-${unique()}@example.org`) as [string, string];
    const created = await scheduleMeeting(db, host.id, weekly([bob, cy]));
    if (!created.ok) throw new Error("schedule failed");
    const meetingId = created.value.id;
    for (const invitee of [bob, cy]) await sink.waitFor(to(invitee, /^Invitation: Planning/));

    // The second Monday (29 March, summer time: 07:00 UTC) moves to Tuesday 11:00–11:30 Berlin.
    const moved = await changeOccurrence(db, host.id, meetingId, { action: "move", occurrence: "2027-03-29T07:00:00.000Z", date: "2027-03-30", startTime: "11:00", endTime: "11:30" });
    expect(moved.ok).toBe(true);
    for (const invitee of [bob, cy]) {
      const mail = await sink.waitFor(to(invitee, /^Updated invitation: Planning @ Tue 30 Mar 2027 · 11:00–11:30/));
      expect(mail.text).toContain("Only this occurrence changes");
      expect(readInvite(mail)).toMatchObject({
        method: "REQUEST",
        uid: `${meetingId}@parley`,
        sequence: 1,
        status: "CONFIRMED",
        events: 1,
        recurrenceId: "2027-03-29T07:00:00.000Z",
        start: "2027-03-30T09:00:00.000Z",
      });
    }

    // The third Monday is cancelled on its own.
    expect((await changeOccurrence(db, host.id, meetingId, { action: "cancel", occurrence: "2027-04-05T07:00:00.000Z" })).ok).toBe(true);
    for (const invitee of [bob, cy]) {
      const mail = await sink.waitFor(to(invitee, /^Cancelled: Planning @ Mon 5 Apr 2027/));
      expect(mail.text).toContain("This occurrence will not take place");
      expect(readInvite(mail)).toMatchObject({ method: "CANCEL", sequence: 2, status: "CANCELLED", events: 1, recurrenceId: "2027-04-05T07:00:00.000Z" });
    }

    // An instant that is not an occurrence of the series is refused and changes nothing.
    const unknown = await changeOccurrence(db, host.id, meetingId, { action: "cancel", occurrence: "2027-03-30T07:00:00.000Z" });
    expect(unknown).toMatchObject({ ok: false, error: { code: "unknown_occurrence" } });
    const stranger = await createHost();
    expect(await changeOccurrence(db, stranger.id, meetingId, { action: "cancel", occurrence: "2027-04-12T07:00:00.000Z" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const stored = (await db.meetings.findById(meetingId))!;
    expect(stored.sequence).toBe(2);

    // What calendars show (.ics through ical.js) is what the dashboard lists, and the join page points at the moved one.
    const expected = ["2027-03-22T08:00:00.000Z", "2027-03-30T09:00:00.000Z", "2027-04-12T07:00:00.000Z"];
    expect(calendarOccurrences(meetingToIcs(stored, "http://parley.test/m/x", { method: "PUBLISH" }))).toEqual(expected);
    const dashboard = buildAgenda([stored], new Date("2027-03-01T00:00:00Z")).upcoming.map((o) => o.start.toISOString());
    expect(dashboard).toEqual(expected);
    expect(meetingTiming(stored, new Date("2027-03-29T07:10:00Z"))).toMatchObject({ phase: "before", start: new Date("2027-03-30T09:00:00Z") });
    expect(meetingTiming(stored, new Date("2027-04-05T07:10:00Z"))).toMatchObject({ phase: "before", start: new Date("2027-04-12T07:00:00Z") });

    // A new invitee's invitation carries the whole series with both changes.
    expect((await updateMeeting(db, host.id, meetingId, weekly([bob, cy, "dee-" + unique() + "@example.org"]))).ok).toBe(true);
    const dee = (await db.meetings.findById(meetingId))!.invitees.find((i) => i.email.startsWith("dee-"))!.email;
    const invitation = await sink.waitFor(to(dee, /^Invitation: Planning/));
    expect(calendarOccurrences(invitation.calendars[0]!.content)).toEqual(expected);
  });
});
