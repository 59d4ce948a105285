import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbError } from "../errors";
import { insertUser, testDb, uniqueSlug } from "../test/fixtures";

const db = testDb();
afterAll(() => db.close());

async function newMeeting(): Promise<string> {
  const host = await insertUser(db);
  const meeting = await db.meetings.create({
    hostId: host.id, slug: uniqueSlug(), title: "Chatty", startsAt: new Date(), durationMinutes: 30, timeZone: "UTC", lobbyEnabled: false, instant: true, invitees: [],
  });
  return meeting.id;
}

let meetingId: string;
beforeAll(async () => {
  meetingId = await newMeeting();
});

describe("chat repository", () => {
  it("appends messages and returns history oldest first", async () => {
    const participant = await db.participants.recordJoin({ meetingId, guestId: "g", displayName: "Guest", role: "GUEST" });
    const first = await db.chat.append({ meetingId, participantId: participant.id, senderName: "Guest", body: "hello" });
    expect(first).toMatchObject({ meetingId, participantId: participant.id, senderName: "Guest", body: "hello" });
    await db.chat.append({ meetingId, senderName: "System", body: "second" });
    expect((await db.chat.history(meetingId)).map((m) => m.body)).toEqual(["hello", "second"]);
  });

  it("returns only the last N messages, still oldest first", async () => {
    const id = await newMeeting();
    for (let i = 1; i <= 5; i++) {
      await db.chat.append({ meetingId: id, senderName: "A", body: `m${i}` });
      await new Promise((r) => setTimeout(r, 2)); // distinct millisecond timestamps
    }
    expect((await db.chat.history(id, 3)).map((m) => m.body)).toEqual(["m3", "m4", "m5"]);
    expect(await db.chat.history(randomUUID())).toEqual([]);
  });

  it("keeps the order of messages sent in the same millisecond", async () => {
    const id = await newMeeting();
    const bodies = Array.from({ length: 40 }, (_, i) => `m${i + 1}`);
    for (const body of bodies) await db.chat.append({ meetingId: id, senderName: "A", body });
    // NOTE: a busy room sends several messages per millisecond; pin them all to one instant to make the tie certain.
    await db.prisma.chatMessage.updateMany({ where: { meetingId: id }, data: { createdAt: new Date("2026-03-01T10:00:00.000Z") } });
    expect((await db.chat.history(id)).map((m) => m.body)).toEqual(bodies);
    expect((await db.chat.history(id, 5)).map((m) => m.body)).toEqual(bodies.slice(-5));
  });

  it("keeps messages when their participant record goes away", async () => {
    const id = await newMeeting();
    const participant = await db.participants.recordJoin({ meetingId: id, guestId: "g", displayName: "Gone", role: "GUEST" });
    await db.chat.append({ meetingId: id, participantId: participant.id, senderName: "Gone", body: "bye" });
    await db.prisma.participant.delete({ where: { id: participant.id } });
    expect(await db.chat.history(id)).toMatchObject([{ body: "bye", participantId: null, senderName: "Gone" }]);
  });

  it("refuses empty bodies, bad limits and unknown meetings", async () => {
    const empty = await db.chat.append({ meetingId, senderName: "A", body: "" }).catch((e: unknown) => e);
    expect((empty as DbError).code).toBe("invalid_input");
    const badLimit = await db.chat.history(meetingId, 0).catch((e: unknown) => e);
    expect((badLimit as DbError).code).toBe("invalid_input");
    const unknown = await db.chat.append({ meetingId: randomUUID(), senderName: "A", body: "x" }).catch((e: unknown) => e);
    expect((unknown as DbError).code).toBe("not_found");
  });
});
