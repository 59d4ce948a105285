import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { cancelMeeting, scheduleMeeting } from "@/features/scheduling/service";
import { answerRsvp, readRsvpLink } from "./rsvp";
import { mintRsvpToken, rsvpKey } from "./rsvp-token";

const KEY = rsvpKey("r".repeat(32));
let db: Db;
beforeAll(() => void (db = createDb(inject("databaseUrl"))));
afterAll(() => db.close());

async function scheduled(invitee: string) {
  const host = await db.prisma.user.create({ data: { id: randomUUID(), name: "Host", email: `h-${randomUUID()}@example.org` } });
  const result = await scheduleMeeting(db, host.id, {
    title: "Review", description: "", date: "2027-05-03", startTime: "10:00", endTime: "10:30", timeZone: "UTC",
    rrule: "", invitees: [invitee], lobbyEnabled: false, passcode: "",
  });
  if (!result.ok) throw new Error("schedule failed");
  return { host, meeting: result.value };
}
const rsvpOf = async (meetingId: string, email: string) => (await db.meetings.findById(meetingId))!.invitees.find((i) => i.email === email)?.rsvp;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

describe("RSVP links (real Postgres)", () => {
  it("records the answer of the invitee the link was made for", async () => {
    const email = `bob-${randomUUID()}@example.org`;
    const { meeting } = await scheduled(email);
    const token = await mintRsvpToken(KEY, { meetingId: meeting.id, email }, inAWeek());
    expect((await readRsvpLink(db, KEY, token)).ok).toBe(true);
    expect(await answerRsvp(db, KEY, token, "accepted")).toEqual({ ok: true, value: "accepted" });
    expect(await rsvpOf(meeting.id, email)).toBe("ACCEPTED");
    expect(await answerRsvp(db, KEY, token, "declined")).toEqual({ ok: true, value: "declined" });
    expect(await rsvpOf(meeting.id, email)).toBe("DECLINED");
  });

  it("refuses tampered, foreign-key and expired links, unknown answers and cancelled meetings, changing nothing", async () => {
    const email = `cy-${randomUUID()}@example.org`;
    const { host, meeting } = await scheduled(email);
    const token = await mintRsvpToken(KEY, { meetingId: meeting.id, email }, inAWeek());
    const [head, body, signature] = token.split(".") as [string, string, string];
    const otherBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, "base64url").toString()), email: "mallory@example.org" })).toString("base64url");
    expect(await answerRsvp(db, KEY, `${head}.${otherBody}.${signature}`, "accepted")).toEqual({ ok: false, error: "invalid_link" });
    expect(await answerRsvp(db, rsvpKey("x".repeat(32)), token, "accepted")).toEqual({ ok: false, error: "invalid_link" });
    expect(await answerRsvp(db, KEY, "garbage", "accepted")).toEqual({ ok: false, error: "invalid_link" });
    const expired = await mintRsvpToken(KEY, { meetingId: meeting.id, email }, new Date(Date.now() - 1000));
    expect(await answerRsvp(db, KEY, expired, "accepted")).toEqual({ ok: false, error: "expired_link" });
    expect(await readRsvpLink(db, KEY, expired)).toEqual({ ok: false, error: "expired_link" });
    expect(await answerRsvp(db, KEY, token, "yes please")).toEqual({ ok: false, error: "invalid_answer" });
    const stranger = await mintRsvpToken(KEY, { meetingId: meeting.id, email: "stranger@example.org" }, inAWeek());
    expect(await answerRsvp(db, KEY, stranger, "accepted")).toEqual({ ok: false, error: "not_found" });
    expect(await rsvpOf(meeting.id, email)).toBe("NEEDS_ACTION");

    expect((await cancelMeeting(db, host.id, meeting.id)).ok).toBe(true);
    expect(await answerRsvp(db, KEY, token, "accepted")).toEqual({ ok: false, error: "cancelled" });
    expect(await readRsvpLink(db, KEY, token)).toEqual({ ok: false, error: "cancelled" });
    expect(await rsvpOf(meeting.id, email)).toBe("NEEDS_ACTION");
  });
});
