import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbError } from "../errors";
import { insertUser, testDb, uniqueSlug } from "../test/fixtures";
import { EMPTY_QUALITY_TOTALS, summarizeQuality, type QualityTotals } from "../quality";

const db = testDb();
afterAll(() => db.close());

let meetingId: string;
let hostId: string;
beforeAll(async () => {
  const host = await insertUser(db);
  hostId = host.id;
  const meeting = await db.meetings.create({
    hostId, slug: uniqueSlug(), title: "Call", startsAt: new Date(), durationMinutes: 60, timeZone: "UTC", lobbyEnabled: false, instant: true, invitees: [],
  });
  meetingId = meeting.id;
});

describe("participants repository", () => {
  it("records joins and leaves into an attendance report in join order", async () => {
    const host = await db.participants.recordJoin({ meetingId, userId: hostId, displayName: "Host", role: "HOST" });
    const guest = await db.participants.recordJoin({ meetingId, guestId: "guest-1", displayName: "Guest", role: "GUEST" });
    expect(host).toMatchObject({ meetingId, userId: hostId, guestId: null, role: "HOST", leftAt: null });
    expect(host.joinedAt).toBeInstanceOf(Date);

    const leftAt = new Date(Date.now() + 60_000);
    const left = await db.participants.recordLeave(guest.id, leftAt);
    expect(left?.leftAt?.toISOString()).toBe(leftAt.toISOString());

    const report = await db.participants.listForMeeting(meetingId);
    expect(report.map((p) => p.displayName)).toEqual(["Host", "Guest"]);
    expect(report[1]?.leftAt?.toISOString()).toBe(leftAt.toISOString());
  });

  it("keeps the first leave time and clamps a leave before the join", async () => {
    const p = await db.participants.recordJoin({ meetingId, guestId: "guest-2", displayName: "G2", role: "GUEST" });
    const first = await db.participants.recordLeave(p.id, new Date(p.joinedAt.getTime() - 5_000));
    expect(first?.leftAt?.getTime()).toBe(p.joinedAt.getTime());
    const second = await db.participants.recordLeave(p.id, new Date(p.joinedAt.getTime() + 10_000));
    expect(second?.leftAt?.getTime()).toBe(p.joinedAt.getTime());
  });

  it("defaults the leave time to now", async () => {
    const p = await db.participants.recordJoin({ meetingId, guestId: "guest-3", displayName: "G3", role: "GUEST" });
    const left = await db.participants.recordLeave(p.id);
    expect(left?.leftAt).toBeInstanceOf(Date);
  });

  it("returns null when leaving an unknown participant", async () => {
    expect(await db.participants.recordLeave(randomUUID())).toBeNull();
    expect(await db.participants.recordLeave("nope")).toBeNull();
  });

  it("refuses a join with neither user nor guest, or for an unknown meeting", async () => {
    const anonymous = await db.participants.recordJoin({ meetingId, displayName: "Nobody", role: "GUEST" }).catch((e: unknown) => e);
    expect((anonymous as DbError).code).toBe("invalid_input");
    const unknown = await db.participants
      .recordJoin({ meetingId: randomUUID(), guestId: "g", displayName: "Lost", role: "GUEST" })
      .catch((e: unknown) => e);
    expect((unknown as DbError).code).toBe("not_found");
    expect((await db.participants.listForMeeting(meetingId)).map((p) => p.displayName)).not.toContain("Nobody");
  });

  it("lists nothing for an unknown meeting", async () => {
    expect(await db.participants.listForMeeting(randomUUID())).toEqual([]);
  });

  it("lists live meetings with the people in them, and closes their presences after an end", async () => {
    const host = await insertUser(db, { name: "Live Host" });
    const live = await db.meetings.create({
      hostId: host.id, slug: uniqueSlug(), title: "Live now", startsAt: new Date(), durationMinutes: 30, timeZone: "UTC", lobbyEnabled: false, instant: true, invitees: [],
    });
    const inCall = await db.participants.recordJoin({ meetingId: live.id, userId: host.id, displayName: "Live Host", role: "HOST" });
    const gone = await db.participants.recordJoin({ meetingId: live.id, guestId: "guest-gone", displayName: "Gone", role: "GUEST" });
    await db.participants.recordLeave(gone.id);

    const entry = (await db.participants.listLive()).find((m) => m.meeting.id === live.id);
    expect(entry?.meeting).toMatchObject({ title: "Live now", hostName: "Live Host", slug: live.slug });
    expect(entry?.participants.map((p) => p.id)).toEqual([inCall.id]);

    expect(await db.participants.closeOpenForMeeting(live.id)).toBe(1);
    expect((await db.participants.listLive()).some((m) => m.meeting.id === live.id)).toBe(false);
    expect(await db.participants.closeOpenForMeeting("not-a-uuid")).toBe(0);
  });

  it("says which calls are over: someone joined and everyone left", async () => {
    const make = () =>
      db.meetings.create({ hostId, slug: uniqueSlug(), title: "Call", startsAt: new Date(), durationMinutes: 60, timeZone: "UTC", lobbyEnabled: false, instant: true, invitees: [] });
    const [never, running, over] = await Promise.all([make(), make(), make()]);
    await db.participants.recordJoin({ meetingId: running.id, userId: hostId, displayName: "Host", role: "HOST" });
    const left = await db.participants.recordJoin({ meetingId: over.id, userId: hostId, displayName: "Host", role: "HOST" });
    await db.participants.recordLeave(left.id);
    expect(await db.participants.callsOver([never.id, running.id, over.id, "not-a-uuid"])).toEqual(new Set([over.id]));
    expect(await db.participants.callsOver([])).toEqual(new Set());
  });
});

describe("attendance of one occurrence", () => {
  it("lists the presences that began inside the window, in join order", async () => {
    const meeting = await db.meetings.create({
      hostId, slug: uniqueSlug(), title: "Weekly", startsAt: new Date("2026-01-05T09:00:00Z"), durationMinutes: 30, timeZone: "UTC",
      rrule: "FREQ=WEEKLY;COUNT=3", lobbyEnabled: false, instant: false, invitees: [],
    });
    const at = (iso: string) => new Date(iso);
    const join = async (name: string, joinedAt: string) => {
      const p = await db.participants.recordJoin({ meetingId: meeting.id, guestId: `g-${name}`, displayName: name, role: "GUEST" });
      await db.prisma.participant.update({ where: { id: p.id }, data: { joinedAt: at(joinedAt) } });
    };
    await join("week1-late", "2026-01-05T09:10:00Z");
    await join("week1-early", "2026-01-05T08:55:00Z");
    await join("week2", "2026-01-12T09:00:00Z");
    await join("edge", "2026-01-12T08:00:00Z"); // exactly at the window's end: belongs to the next one

    const week1 = await db.participants.listJoinedBetween(meeting.id, { from: at("2026-01-05T08:00:00Z"), to: at("2026-01-12T08:00:00Z") });
    expect(week1.map((p) => p.displayName)).toEqual(["week1-early", "week1-late"]);
    const week2 = await db.participants.listJoinedBetween(meeting.id, { from: at("2026-01-12T08:00:00Z") });
    expect(week2.map((p) => p.displayName)).toEqual(["edge", "week2"]);
    expect(await db.participants.listJoinedBetween(meeting.id, {}, 2)).toHaveLength(2);
  });

  it("refuses a malformed window or limit and lists nothing for a malformed id", async () => {
    const bad = await db.participants.listJoinedBetween(meetingId, { from: new Date("nope") }).catch((e: unknown) => e);
    expect((bad as DbError).code).toBe("invalid_input");
    const badLimit = await db.participants.listJoinedBetween(meetingId, {}, 0).catch((e: unknown) => e);
    expect((badLimit as DbError).code).toBe("invalid_input");
    expect(await db.participants.listJoinedBetween("nope", {})).toEqual([]);
  });
});

describe("participants repository: call quality", () => {
  const totals = (over: Partial<QualityTotals>): QualityTotals => ({ ...EMPTY_QUALITY_TOTALS, reports: 1, ...over });

  it("merges quality totals into the presence and summarizes them as averages", async () => {
    const p = await db.participants.recordJoin({ meetingId, guestId: "guest-q", displayName: "Q", role: "GUEST" });
    expect(p.quality).toBeNull();
    expect(await db.participants.recordQuality(p.id, totals({ rttMsSum: 40, rttSamples: 1, rttMsMax: 40, directReports: 1, timeToFirstFrameMs: 900, videoCodec: "vp8" }))).toBe(true);
    expect(await db.participants.recordQuality(p.id, totals({ rttMsSum: 60, rttSamples: 1, rttMsMax: 60, relayReports: 1, timeToFirstFrameMs: 5000 }))).toBe(true);
    const [stored] = (await db.participants.listForMeeting(meetingId)).filter((row) => row.id === p.id);
    expect(summarizeQuality(stored?.quality)).toMatchObject({ reports: 2, rttMsAvg: 50, relayShare: 0.5, timeToFirstFrameMs: 900, videoCodec: "vp8", lossPercentAvg: null });
  });

  it("refuses totals out of bounds and ignores unknown presences", async () => {
    const p = await db.participants.recordJoin({ meetingId, guestId: "guest-q2", displayName: "Q2", role: "GUEST" });
    await expect(db.participants.recordQuality(p.id, totals({ lossPercentMax: 101 }))).rejects.toMatchObject({ code: "invalid_input" } satisfies Partial<DbError>);
    await expect(db.participants.recordQuality(p.id, { ...totals({}), label: "x" } as QualityTotals)).rejects.toMatchObject({ code: "invalid_input" });
    expect(await db.participants.recordQuality(randomUUID(), totals({}))).toBe(false);
    expect(await db.participants.recordQuality("not-a-uuid", totals({}))).toBe(false);
    expect(summarizeQuality({ garbage: true })).toBeNull();
  });
});
