import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { joinTokenKey, verifyJoinToken } from "@parley/join-auth";
import { joinGrantSchema } from "@parley/protocol";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scheduleMeeting } from "@/features/scheduling/service";
import { grantJoin } from "./join-service";

const SECRET = "test-secret-test-secret-test-secret!";
let db: Db;

beforeAll(() => {
  db = createDb(inject("databaseUrl"));
});
afterAll(() => db.close());

async function meetingFixture() {
  const host = await db.prisma.user.create({ data: { id: randomUUID(), name: "Host", email: `${randomUUID()}@example.org` } });
  const created = await scheduleMeeting(db, host.id, {
    title: "Standup",
    date: "2027-01-04",
    startTime: "10:00",
    endTime: "10:15",
    timeZone: "UTC",
    invitees: [],
    lobbyEnabled: false,
  });
  if (!created.ok) throw new Error("fixture failed");
  return { host, meeting: created.value };
}

/** What the signaling service makes of the token: the same verification it runs on `room:join`. */
async function claimsOf(token: string) {
  const { claims, issuedAtMs, expiresAtMs } = await verifyJoinToken(token, joinTokenKey(SECRET), new Date());
  return { ...claims, ttl: (expiresAtMs - issuedAtMs) / 1000 };
}

describe("grantJoin", () => {
  const deps = () => ({ db, secret: SECRET, ttlSeconds: 120, signalingUrl: "http://localhost:4000" });

  it("makes the creator host and everyone else a guest, in a short-lived signed token", async () => {
    const { host, meeting } = await meetingFixture();
    const asHost = await grantJoin(deps(), meeting.slug, { kind: "user", id: host.id, name: host.name }, {});
    expect(asHost.ok).toBe(true);
    if (!asHost.ok) return;
    expect(await claimsOf(asHost.grant.token)).toEqual({ sub: `user:${host.id}`, meetingId: meeting.id, name: "Host", role: "host", ttl: 120 });
    // The browser parses the route's answer with this schema: what grantJoin returns must pass it.
    expect(joinGrantSchema.parse(asHost.grant)).toEqual(asHost.grant);

    const other = await db.prisma.user.create({ data: { id: randomUUID(), name: "Olga Other", email: `${randomUUID()}@example.org` } });
    const browser = "b_abcdefghijklmnop";
    const asOtherUser = await grantJoin(deps(), meeting.slug, { kind: "user", id: other.id, name: other.name, browser }, {});
    if (!asOtherUser.ok) throw new Error("signed-in guest refused");
    // The browser's guest id travels along: signaling refuses it too once the account is removed.
    expect(await claimsOf(asOtherUser.grant.token)).toMatchObject({ sub: `user:${other.id}`, role: "guest", name: "Olga Other", browser });

    const asGuest = await grantJoin(deps(), meeting.slug, { kind: "guest", id: "g_abcdefghijklmnop" }, { name: " Grace " });
    if (!asGuest.ok) throw new Error("guest refused");
    expect(await claimsOf(asGuest.grant.token)).toMatchObject({ sub: "guest:g_abcdefghijklmnop", role: "guest", name: "Grace" });
  });

  it("makes a signed-in invitee marked co-host a co-host, by verified address only", async () => {
    const host = await db.prisma.user.create({ data: { id: randomUUID(), name: "Host", email: `${randomUUID()}@example.org` } });
    const cora = await db.prisma.user.create({ data: { id: randomUUID(), name: "Cora", email: `cora-${randomUUID()}@example.org`, emailVerified: true } });
    const ivan = await db.prisma.user.create({ data: { id: randomUUID(), name: "Ivan", email: `ivan-${randomUUID()}@example.org`, emailVerified: true } });
    const mallory = await db.prisma.user.create({ data: { id: randomUUID(), name: "Mallory", email: `m-${randomUUID()}@example.org` } });
    const created = await scheduleMeeting(db, host.id, {
      title: "Board",
      date: "2027-01-04",
      startTime: "10:00",
      endTime: "10:15",
      timeZone: "UTC",
      invitees: [cora.email, ivan.email, mallory.email],
      cohosts: [cora.email.toUpperCase(), mallory.email],
      lobbyEnabled: true,
    });
    if (!created.ok) throw new Error("fixture failed");
    const roleOf = async (user: { id: string; name: string }) => {
      const granted = await grantJoin(deps(), created.value.slug, { kind: "user", ...user }, {});
      if (!granted.ok) throw new Error("refused");
      expect((await claimsOf(granted.grant.token)).role).toBe(granted.grant.role);
      return granted.grant.role;
    };
    expect(await roleOf(cora)).toBe("cohost");
    expect(await roleOf(ivan)).toBe("guest");
    // Marked co-host, but the address is not verified: anyone could have signed up with it.
    expect(await roleOf(mallory)).toBe("guest");
    expect(await roleOf(host)).toBe("host");
    // A guest (signed out) from the same browser is a guest, whatever the meeting says.
    const asGuest = await grantJoin(deps(), created.value.slug, { kind: "guest", id: "g_abcdefghijklmnop" }, { name: "Cora" });
    expect(asGuest.ok && asGuest.grant.role).toBe("guest");
  });

  it("refuses unknown and cancelled meetings and guests without a name", async () => {
    const { host, meeting } = await meetingFixture();
    const guest = { kind: "guest" as const, id: "g_abcdefghijklmnop" };
    expect(await grantJoin(deps(), "zzzz-zzzz-zzzz", guest, { name: "G" })).toMatchObject({ ok: false, refusal: { status: 404 } });
    expect(await grantJoin(deps(), "../../etc/passwd", guest, { name: "G" })).toMatchObject({ ok: false, refusal: { status: 404 } });
    expect(await grantJoin(deps(), meeting.slug, guest, {})).toMatchObject({ ok: false, refusal: { code: "invalid_payload" } });
    expect(await grantJoin(deps(), meeting.slug, guest, { name: "x".repeat(81) })).toMatchObject({ ok: false, refusal: { status: 400 } });
    await db.meetings.cancelAsHost(host.id, meeting.id);
    expect(await grantJoin(deps(), meeting.slug, guest, { name: "G" })).toMatchObject({ ok: false, refusal: { code: "meeting_cancelled" } });
  });

  // Issue #14, findings 2 and 3: a NUL name got a token (then broke attendance and chat); an account name over 80
  // characters made this route answer an empty 500.
  it("refuses control characters and bidi overrides in names; an account with an old unusable name types one", async () => {
    const { meeting } = await meetingFixture();
    const guest = { kind: "guest" as const, id: "g_abcdefghijklmnop" };
    for (const name of ["Ada\u0000", "Alice (Host)\u202E", "Ali\u200Bce"]) {
      expect(await grantJoin(deps(), meeting.slug, guest, { name })).toMatchObject({ ok: false, refusal: { status: 400, code: "invalid_payload" } });
    }
    const legacy = { kind: "user" as const, id: randomUUID(), name: "L".repeat(300) };
    expect(await grantJoin(deps(), meeting.slug, legacy, {})).toMatchObject({ ok: false, refusal: { status: 400, code: "invalid_payload" } });
    const typed = await grantJoin(deps(), meeting.slug, legacy, { name: "Lee" });
    if (!typed.ok) throw new Error("typed name refused");
    expect(await claimsOf(typed.grant.token)).toMatchObject({ name: "Lee" });
  });
});
