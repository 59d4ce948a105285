import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scheduleMeeting, startInstantMeeting } from "@/features/scheduling/service";
import { calendarFeedFor, feedUrls, meetingsOf } from "./feed";

let db: Db;
beforeAll(() => void (db = createDb(inject("databaseUrl"))));
afterAll(() => db.close());

const user = (verified: boolean) =>
  db.prisma.user.create({ data: { id: randomUUID(), name: "Person", email: `p-${randomUUID()}@example.org`, emailVerified: verified } });
const input = (title: string, invitees: string[]) => ({
  title, description: "", date: "2027-06-07", startTime: "09:00", endTime: "10:00", timeZone: "America/New_York",
  rrule: "", invitees, lobbyEnabled: false, passcode: "",
});

describe("calendar feed (real Postgres)", () => {
  it("serves the meetings a person hosts and, once verified, those they are invited to; rotating revokes the old link", async () => {
    const host = await user(true);
    const invitee = await user(true);
    const unverified = await user(false);
    await scheduleMeeting(db, host.id, input("Hosted by host", [invitee.email, unverified.email]));
    await scheduleMeeting(db, invitee.id, input("Hosted by invitee", []));
    await startInstantMeeting(db, { id: invitee.id, name: "Person", timeZone: "UTC" });

    // The dashboard lists instant meetings too; the calendar feed (below) does not.
    expect((await meetingsOf(db, invitee)).map((m) => m.title).sort()).toEqual(["Hosted by host", "Hosted by invitee", "Person's meeting"]);
    // Anyone can sign up with any address: invitations show only for a confirmed one.
    expect(await meetingsOf(db, unverified)).toEqual([]);

    const token = await db.calendarFeeds.rotate(invitee.id);
    expect(feedUrls(token, "https://meet.example.org").webcal).toBe(`webcal://meet.example.org/calendar/${token}.ics`);
    const owner = (await db.calendarFeeds.userForToken(token))!;
    expect(owner.id).toBe(invitee.id);
    const feed = new ICAL.Component(ICAL.parse(await calendarFeedFor(db, owner, "https://meet.example.org")));
    expect(feed.getFirstPropertyValue("method")).toBeNull();
    expect(feed.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("summary")).sort()).toEqual(["Hosted by host", "Hosted by invitee"]);

    const next = await db.calendarFeeds.rotate(invitee.id);
    expect(await db.calendarFeeds.userForToken(token)).toBeNull();
    expect((await db.calendarFeeds.userForToken(next))?.id).toBe(invitee.id);
    await db.calendarFeeds.revoke(invitee.id);
    expect(await db.calendarFeeds.userForToken(next)).toBeNull();
    expect(await db.calendarFeeds.userForToken("../../etc/passwd")).toBeNull();
  });
});
