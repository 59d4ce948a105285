import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { DbError } from "../errors";
import { insertUser, testDb, uniqueSlug } from "../test/fixtures";
import type { CreateMeetingInput } from "./meetings";

const db = testDb();
afterAll(() => db.close());

function meetingInput(hostId: string, overrides: Partial<CreateMeetingInput> = {}): CreateMeetingInput {
  return {
    hostId,
    slug: uniqueSlug(),
    title: "Weekly sync",
    startsAt: new Date("2030-01-07T09:00:00Z"),
    durationMinutes: 30,
    timeZone: "Europe/Berlin",
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    lobbyEnabled: true,
    instant: false,
    invitees: [],
    ...overrides,
  };
}

describe("meetings.create", () => {
  it("stores the meeting with its invitees, normalised and de-duplicated", async () => {
    const host = await insertUser(db);
    const meeting = await db.meetings.create(
      meetingInput(host.id, { invitees: ["b@example.test", " B@Example.TEST ", "a@example.test"], description: "Agenda" }),
    );
    expect(meeting).toMatchObject({ hostId: host.id, title: "Weekly sync", durationMinutes: 30, status: "SCHEDULED", lobbyEnabled: true, description: "Agenda", cancelledAt: null });
    expect(meeting.invitees.map((i) => i.email)).toEqual(["a@example.test", "b@example.test"]);
  });

  it("refuses a taken slug with a conflict and leaves the first meeting alone", async () => {
    const host = await insertUser(db);
    const slug = uniqueSlug();
    await db.meetings.create(meetingInput(host.id, { slug, title: "First" }));
    const error = await db.meetings.create(meetingInput(host.id, { slug, title: "Second", invitees: ["x@example.test"] })).catch((e: unknown) => e);
    expect((error as DbError).code).toBe("conflict");
    expect(await db.meetings.findBySlug(slug)).toMatchObject({ title: "First", invitees: [] });
  });

  it("rejects invalid input without writing", async () => {
    const host = await insertUser(db);
    for (const bad of [{ durationMinutes: 0 }, { durationMinutes: 1441 }, { title: " " }, { invitees: ["not-an-email"] }]) {
      const error = await db.meetings.create(meetingInput(host.id, bad)).catch((e: unknown) => e);
      expect(error, JSON.stringify(bad)).toBeInstanceOf(DbError);
      expect((error as DbError).code).toBe("invalid_input");
    }
    expect(await db.meetings.listForHost(host.id)).toEqual([]);
  });

  it("reports an unknown host as not_found", async () => {
    const error = await db.meetings.create(meetingInput("no-such-user")).catch((e: unknown) => e);
    expect((error as DbError).code).toBe("not_found");
  });
});

describe("meetings lookups", () => {
  it("finds by slug and by id with host and invitees; null when unknown", async () => {
    const host = await insertUser(db, { name: "Host" });
    const created = await db.meetings.create(meetingInput(host.id, { invitees: ["guest@example.test"] }));
    const bySlug = await db.meetings.findBySlug(created.slug);
    expect(bySlug).toMatchObject({ id: created.id, host: { id: host.id, name: "Host", email: host.email }, invitees: [{ email: "guest@example.test" }] });
    expect(Object.keys(bySlug!.host).sort()).toEqual(["email", "id", "name"]);
    expect(await db.meetings.findById(created.id)).toEqual(bySlug);
    expect(await db.meetings.findBySlug("no-such-slug")).toBeNull();
    expect(await db.meetings.findById(randomUUID())).toBeNull();
    expect(await db.meetings.findById("not-a-uuid")).toBeNull();
  });

  it("lists a host's meetings only, earliest first", async () => {
    const host = await insertUser(db);
    const other = await insertUser(db);
    await db.meetings.create(meetingInput(host.id, { title: "Later", startsAt: new Date("2030-02-01T10:00:00Z") }));
    await db.meetings.create(meetingInput(host.id, { title: "Sooner", startsAt: new Date("2030-01-01T10:00:00Z"), invitees: ["a@example.test"] }));
    await db.meetings.create(meetingInput(other.id, { title: "Not mine" }));
    const list = await db.meetings.listForHost(host.id);
    expect(list.map((m) => m.title)).toEqual(["Sooner", "Later"]);
    expect(list[0]?.invitees.map((i) => i.email)).toEqual(["a@example.test"]);
  });
});

describe("meetings.updateAsHost", () => {
  it("patches given fields and replaces the invitee set", async () => {
    const host = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id, { invitees: ["keep@example.test", "drop@example.test"] }));
    const kept = created.invitees.find((i) => i.email === "keep@example.test")!;

    const result = await db.meetings.updateAsHost(host.id, created.id, {
      title: "Renamed",
      rrule: null,
      invitees: ["KEEP@example.test", "new@example.test", "new@example.test"],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.meeting).toMatchObject({ title: "Renamed", rrule: null, durationMinutes: 30, timeZone: "Europe/Berlin", host: { id: host.id } });
    expect(result.meeting.invitees.map((i) => i.email)).toEqual(["keep@example.test", "new@example.test"]);
    expect(result.meeting.invitees.find((i) => i.email === "keep@example.test")?.id).toBe(kept.id);
  });

  it("leaves invitees alone when the patch has none", async () => {
    const host = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id, { invitees: ["a@example.test"] }));
    const result = await db.meetings.updateAsHost(host.id, created.id, { durationMinutes: 45 });
    expect(result).toMatchObject({ ok: true, meeting: { durationMinutes: 45, invitees: [{ email: "a@example.test" }] } });
  });

  it("is forbidden for someone else's meeting and writes nothing", async () => {
    const host = await insertUser(db);
    const intruder = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id, { invitees: ["a@example.test"] }));
    const result = await db.meetings.updateAsHost(intruder.id, created.id, { title: "Hijacked", invitees: [] });
    expect(result).toEqual({ ok: false, error: "forbidden" });
    const after = await db.meetings.findById(created.id);
    expect(after).toMatchObject({ title: "Weekly sync", updatedAt: created.updatedAt, invitees: [{ email: "a@example.test" }] });
  });

  it("is not_found for an unknown or malformed id", async () => {
    const host = await insertUser(db);
    expect(await db.meetings.updateAsHost(host.id, randomUUID(), { title: "X" })).toEqual({ ok: false, error: "not_found" });
    expect(await db.meetings.updateAsHost(host.id, "nope", { title: "X" })).toEqual({ ok: false, error: "not_found" });
  });

  it("refuses a cancelled meeting", async () => {
    const host = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id));
    await db.meetings.cancelAsHost(host.id, created.id);
    expect(await db.meetings.updateAsHost(host.id, created.id, { title: "Revived" })).toEqual({ ok: false, error: "cancelled" });
    expect(await db.meetings.findById(created.id)).toMatchObject({ title: "Weekly sync", status: "CANCELLED" });
  });

  it("rejects an invalid patch as invalid_input without writing", async () => {
    const host = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id));
    const error = await db.meetings.updateAsHost(host.id, created.id, { title: "Ok", durationMinutes: 5000 }).catch((e: unknown) => e);
    expect((error as DbError).code).toBe("invalid_input");
    expect(await db.meetings.findById(created.id)).toMatchObject({ title: "Weekly sync", durationMinutes: 30 });
  });
});

describe("meetings.cancelAsHost", () => {
  it("marks the meeting cancelled and keeps the record", async () => {
    const host = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id, { invitees: ["a@example.test"] }));
    const result = await db.meetings.cancelAsHost(host.id, created.id);
    expect(result).toMatchObject({ ok: true, meeting: { id: created.id, status: "CANCELLED", invitees: [{ email: "a@example.test" }] } });
    if (result.ok) expect(result.meeting.cancelledAt).toBeInstanceOf(Date);
    expect(await db.meetings.findBySlug(created.slug)).toMatchObject({ status: "CANCELLED" });
  });

  it("is forbidden for someone else's meeting and writes nothing", async () => {
    const host = await insertUser(db);
    const intruder = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id));
    expect(await db.meetings.cancelAsHost(intruder.id, created.id)).toEqual({ ok: false, error: "forbidden" });
    expect(await db.meetings.findById(created.id)).toMatchObject({ status: "SCHEDULED", cancelledAt: null });
  });

  it("is not_found for an unknown id and cancelled when already cancelled", async () => {
    const host = await insertUser(db);
    expect(await db.meetings.cancelAsHost(host.id, randomUUID())).toEqual({ ok: false, error: "not_found" });
    const created = await db.meetings.create(meetingInput(host.id));
    const first = await db.meetings.cancelAsHost(host.id, created.id);
    expect(await db.meetings.cancelAsHost(host.id, created.id)).toEqual({ ok: false, error: "cancelled" });
    expect(await db.meetings.findById(created.id)).toMatchObject({ cancelledAt: first.ok ? first.meeting.cancelledAt : null });
  });
});

describe("invitee uniqueness", () => {
  it("is enforced by the database, not only by the repository", async () => {
    const host = await insertUser(db);
    const created = await db.meetings.create(meetingInput(host.id, { invitees: ["a@example.test"] }));
    await expect(db.prisma.invitee.create({ data: { meetingId: created.id, email: "a@example.test" } })).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("co-host invitees", () => {
  it("stores co-hosts among the invitees and recognises them by verified email only", async () => {
    const host = await insertUser(db);
    const cora = await db.prisma.user.update({ where: { id: (await insertUser(db, { email: `cora-${randomUUID()}@example.test` })).id }, data: { emailVerified: true } });
    const ivan = await db.prisma.user.update({ where: { id: (await insertUser(db, { email: `ivan-${randomUUID()}@example.test` })).id }, data: { emailVerified: true } });
    const unverified = await insertUser(db, { email: `mallory-${randomUUID()}@example.test` });
    const created = await db.meetings.create(
      meetingInput(host.id, { invitees: [cora.email.toUpperCase(), ivan.email, unverified.email], cohosts: [` ${cora.email} `, unverified.email] }),
    );
    expect(created.invitees.filter((i) => i.cohost).map((i) => i.email).sort()).toEqual([cora.email, unverified.email].sort());
    expect(await db.meetings.isCohost(created.id, cora.id)).toBe(true);
    expect(await db.meetings.isCohost(created.id, ivan.id)).toBe(false);
    // Anyone may sign up with any address: an unverified one proves nothing.
    expect(await db.meetings.isCohost(created.id, unverified.id)).toBe(false);
    expect(await db.meetings.isCohost(created.id, host.id)).toBe(false);
    expect(await db.meetings.isCohost("not-a-uuid", cora.id)).toBe(false);
    expect(await db.meetings.isCohost(randomUUID(), cora.id)).toBe(false);
  });

  it("changes co-hosts on update and refuses co-hosts who are not invitees, writing nothing", async () => {
    const host = await insertUser(db);
    const cora = await db.prisma.user.update({ where: { id: (await insertUser(db, { email: `cora-${randomUUID()}@example.test` })).id }, data: { emailVerified: true } });
    const created = await db.meetings.create(meetingInput(host.id, { invitees: [cora.email, "b@example.test"], cohosts: ["b@example.test"] }));
    expect(await db.meetings.isCohost(created.id, cora.id)).toBe(false);
    const updated = await db.meetings.updateAsHost(host.id, created.id, { cohosts: [cora.email] });
    expect(updated.ok && updated.meeting.invitees.map((i) => [i.email, i.cohost])).toEqual(
      [[cora.email, true], ["b@example.test", false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(await db.meetings.isCohost(created.id, cora.id)).toBe(true);

    const refusedCreate = await db.meetings.create(meetingInput(host.id, { invitees: ["a@example.test"], cohosts: ["z@example.test"] })).catch((e: unknown) => e);
    expect((refusedCreate as DbError).code).toBe("invalid_input");
    const refusedPatch = await db.meetings
      .updateAsHost(host.id, created.id, { invitees: [cora.email], cohosts: ["b@example.test"] })
      .catch((e: unknown) => e);
    expect((refusedPatch as DbError).code).toBe("invalid_input");
    expect(await db.meetings.isCohost(created.id, cora.id)).toBe(true);
    expect((await db.meetings.findById(created.id))?.invitees).toHaveLength(2);
  });
});
