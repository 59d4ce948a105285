import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyPasscode } from "@parley/join-auth";
import { cancelMeeting, scheduleMeeting, startInstantMeeting, updateMeeting } from "./service";

let db: Db;
const createUser = async (name: string) =>
  db.prisma.user.create({ data: { id: randomUUID(), name, email: `${randomUUID()}@example.org`, timeZone: "Europe/Berlin" } });

const valid = {
  title: "Planning",
  description: "",
  date: "2027-03-22",
  startTime: "09:00",
  endTime: "09:45",
  timeZone: "Europe/Berlin",
  rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
  invitees: ["Bob@Example.org", "bob@example.org", "cy@example.org"],
  lobbyEnabled: true,
  passcode: "open1234",
};

beforeAll(() => {
  db = createDb(inject("databaseUrl"));
});
afterAll(() => db.close());

describe("scheduleMeeting (real Postgres)", () => {
  it("stores the first occurrence as an instant, the zone, the RRULE, unique invitees and a hashed passcode", async () => {
    const host = await createUser("Host");
    const result = await scheduleMeeting(db, host.id, valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const stored = await db.meetings.findById(result.value.id);
    expect(stored).toMatchObject({
      hostId: host.id,
      startsAt: new Date("2027-03-22T08:00:00Z"),
      durationMinutes: 45,
      timeZone: "Europe/Berlin",
      rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=4",
      lobbyEnabled: true,
      status: "SCHEDULED",
    });
    expect(stored!.slug).toMatch(/^[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
    expect(stored!.invitees.map((i) => i.email).sort()).toEqual(["bob@example.org", "cy@example.org"]);
    expect(stored!.passcodeHash).not.toContain("open1234");
    expect(await verifyPasscode("open1234", stored!.passcodeHash!)).toBe(true);
    expect(await verifyPasscode("wrong", stored!.passcodeHash!)).toBe(false);
  });

  it.each([
    ["end before start", { endTime: "08:30" }, "endTime", "End must be after start"],
    ["unknown time zone", { timeZone: "Mars/Olympus_Mons" }, "timeZone", "Unknown time zone"],
    ["offset instead of a zone", { timeZone: "+02:00" }, "timeZone", "Unknown time zone"],
    ["invalid RRULE", { rrule: "FREQ=FORTNIGHTLY" }, "rrule", 'Invalid value for FREQ: "FORTNIGHTLY".'],
    ["series ending before it starts", { rrule: "FREQ=DAILY;UNTIL=20270101T000000Z" }, "rrule", "The series ends before the first meeting"],
    ["a time inside the DST gap", { date: "2027-03-28", startTime: "02:30", endTime: "03:30", rrule: null }, "startTime", "That start time does not exist in Europe/Berlin (the clocks change)"],
    ["empty title", { title: "   " }, "title", "Give the meeting a title"],
    ["a series running for centuries", { rrule: "FREQ=DAILY;UNTIL=99991231T000000Z" }, "rrule", "A series can run for at most 5 years"],
    ["a date in year 1", { date: "0001-01-01" }, "date", "Pick a date between 2000 and 2100"],
    ["bad invitee", { invitees: ["not-an-email"] }, "invitees", "Invitee emails must be valid email addresses"],
    ["a co-host who is not invited", { cohosts: ["zed@example.org"] }, "cohosts", "Co-hosts must be among the invitees"],
    ["a co-host that is no address", { cohosts: ["bob"] }, "cohosts", "Co-hosts must be valid email addresses"],
    ["short passcode", { passcode: "12" }, "passcode", "Passcode must be 6–32 letters or digits"],
    ["guessable passcode", { passcode: "12345" }, "passcode", "Passcode must be 6–32 letters or digits"],
  ])("refuses %s with a field error and writes nothing", async (_name, patch, field, message) => {
    const host = await createUser("Careful Host");
    const result = await scheduleMeeting(db, host.id, { ...valid, ...patch });
    expect(result).toEqual({ ok: false, error: { code: "invalid_input", fieldErrors: { [field]: message } } });
    expect(await db.meetings.listForHost(host.id)).toEqual([]);
  });

  it("stores co-hosts among the invitees, and an edit changes them", async () => {
    const host = await createUser("Host");
    const created = await scheduleMeeting(db, host.id, { ...valid, cohosts: ["BOB@example.org"] });
    if (!created.ok) throw new Error("setup failed");
    expect(created.value.invitees.map((i) => [i.email, i.cohost])).toEqual([["bob@example.org", true], ["cy@example.org", false]]);
    const edited = await updateMeeting(db, host.id, created.value.id, { ...valid, cohosts: ["cy@example.org"] });
    expect(edited.ok && edited.value.invitees.map((i) => [i.email, i.cohost])).toEqual([["bob@example.org", false], ["cy@example.org", true]]);
  });

  it("stores a large meeting as SFU-from-the-start, and an edit can turn it back to automatic", async () => {
    const host = await createUser("Host");
    const created = await scheduleMeeting(db, host.id, { ...valid, largeMeeting: true });
    if (!created.ok) throw new Error("setup failed");
    expect((await db.meetings.findById(created.value.id))!.mediaMode).toBe("SFU");
    await updateMeeting(db, host.id, created.value.id, { ...valid, largeMeeting: false }, { keepPasscode: true });
    expect((await db.meetings.findById(created.value.id))!.mediaMode).toBe("AUTO");
    const plain = await scheduleMeeting(db, host.id, valid);
    expect(plain.ok && (await db.meetings.findById(plain.value.id))!.mediaMode).toBe("AUTO");
  });

  it("refuses a series whose first meeting is not one of its repeat days (calendars and the dashboard would differ)", async () => {
    const host = await createUser("Host");
    // valid starts on Monday 2027-03-22.
    const result = await scheduleMeeting(db, host.id, { ...valid, rrule: "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4" });
    expect(result).toEqual({ ok: false, error: { code: "invalid_input", fieldErrors: { rrule: expect.stringContaining("Monday") } } });
    expect((await scheduleMeeting(db, host.id, { ...valid, rrule: "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=4" })).ok).toBe(true);
    expect((await scheduleMeeting(db, host.id, { ...valid, rrule: "FREQ=MONTHLY;BYMONTHDAY=1;COUNT=4" })).ok).toBe(false);
  });

  it("refuses a non-object payload", async () => {
    const host = await createUser("Host");
    const result = await scheduleMeeting(db, host.id, "DROP TABLE meeting");
    expect(result.ok).toBe(false);
    expect(await db.meetings.listForHost(host.id)).toEqual([]);
  });
});

describe("editing and cancelling (host only, server-enforced)", () => {
  it("lets the host edit; refuses someone else and changes nothing", async () => {
    const host = await createUser("Host");
    const intruder = await createUser("Intruder");
    const created = await scheduleMeeting(db, host.id, valid);
    if (!created.ok) throw new Error("setup failed");
    const before = await db.meetings.findById(created.value.id);

    const refused = await updateMeeting(db, intruder.id, created.value.id, { ...valid, title: "Hijacked", invitees: [] });
    expect(refused).toEqual({ ok: false, error: { code: "forbidden" } });
    const cancelRefused = await cancelMeeting(db, intruder.id, created.value.id);
    expect(cancelRefused).toEqual({ ok: false, error: { code: "forbidden" } });
    expect(await db.meetings.findById(created.value.id)).toEqual(before);

    const edited = await updateMeeting(db, host.id, created.value.id, { ...valid, title: "Planning v2", passcode: "" }, { keepPasscode: true });
    expect(edited.ok && edited.value.title).toBe("Planning v2");
    expect((await db.meetings.findById(created.value.id))!.passcodeHash).toBe(before!.passcodeHash);
    // Without keepPasscode an empty field removes the passcode.
    await updateMeeting(db, host.id, created.value.id, { ...valid, passcode: "" }, { keepPasscode: false });
    expect((await db.meetings.findById(created.value.id))!.passcodeHash).toBeNull();
  });

  it("cancels without deleting, and a cancelled meeting can't be edited", async () => {
    const host = await createUser("Host");
    const created = await scheduleMeeting(db, host.id, { ...valid, rrule: null });
    if (!created.ok) throw new Error("setup failed");
    const cancelled = await cancelMeeting(db, host.id, created.value.id);
    expect(cancelled.ok && cancelled.value.status).toBe("CANCELLED");
    expect(await updateMeeting(db, host.id, created.value.id, valid)).toEqual({ ok: false, error: { code: "cancelled" } });
    expect(await cancelMeeting(db, host.id, randomUUID())).toEqual({ ok: false, error: { code: "not_found" } });
    expect((await db.meetings.findById(created.value.id))!.title).toBe("Planning");
  });

  it("starts an instant meeting now, in the host's zone", async () => {
    const host = await createUser("Quick Host");
    const before = Date.now();
    const meeting = await startInstantMeeting(db, host);
    expect(meeting.instant).toBe(true);
    expect(meeting.timeZone).toBe("Europe/Berlin");
    expect(meeting.startsAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });
});
