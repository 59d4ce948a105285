import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadMeetingRecord } from "./service";

let db: Db;
beforeAll(() => {
  db = createDb(inject("databaseUrl"));
});
afterAll(() => db.close());

const user = () => db.prisma.user.create({ data: { id: randomUUID(), name: "U", email: `${randomUUID()}@example.org` } });

describe("loadMeetingRecord", () => {
  it("gives the host one occurrence's attendance and chat, and nobody else anything", async () => {
    const host = await user();
    const stranger = await user();
    const meeting = await db.meetings.create({
      hostId: host.id, slug: `m-${randomUUID()}`, title: "Weekly", startsAt: new Date("2026-01-05T09:00:00Z"), durationMinutes: 30,
      timeZone: "UTC", rrule: "FREQ=WEEKLY;COUNT=2", lobbyEnabled: false, instant: false, invitees: [],
    });
    const join = async (name: string, joinedAt: string, leftAt: string) => {
      const p = await db.participants.recordJoin({ meetingId: meeting.id, guestId: `g-${name}`, displayName: name, role: "GUEST" });
      await db.prisma.participant.update({ where: { id: p.id }, data: { joinedAt: new Date(joinedAt), leftAt: new Date(leftAt) } });
      const m = await db.chat.append({ meetingId: meeting.id, participantId: p.id, senderName: name, body: `hi from ${name}` });
      await db.prisma.chatMessage.update({ where: { id: m.id }, data: { createdAt: new Date(joinedAt) } });
    };
    await join("Ada", "2026-01-05T08:58:00Z", "2026-01-05T09:20:00Z");
    await join("Bert", "2026-01-12T09:01:00Z", "2026-01-12T09:04:00Z");
    const now = new Date("2026-02-01T00:00:00Z");

    const latest = await loadMeetingRecord(db, host.id, meeting.id, null, now);
    expect(latest?.occurrence.start.toISOString()).toBe("2026-01-12T09:00:00.000Z");
    expect(latest?.attendees.map((a) => [a.name, a.totalMs / 60_000])).toEqual([["Bert", 3]]);
    expect(latest?.messages.map((m) => m.body)).toEqual(["hi from Bert"]);
    expect(latest?.occurrences).toHaveLength(2);

    const first = await loadMeetingRecord(db, host.id, meeting.id, new Date("2026-01-05T09:00:00Z"), now);
    expect(first?.attendees.map((a) => [a.name, a.totalMs / 60_000])).toEqual([["Ada", 22]]);

    expect(await loadMeetingRecord(db, stranger.id, meeting.id, null, now)).toBeNull();
    expect(await loadMeetingRecord(db, host.id, meeting.id, new Date("2026-01-06T09:00:00Z"), now)).toBeNull();
    expect(await loadMeetingRecord(db, host.id, randomUUID(), null, now)).toBeNull();
    expect(await loadMeetingRecord(db, host.id, "../etc", null, now)).toBeNull();

    // A recording belongs to the occurrence it was started in.
    const recording = await db.recordings.start({ meetingId: meeting.id, occurrenceStart: new Date("2026-01-12T09:00:00Z"), startedByName: "Hana" });
    await db.prisma.recording.update({ where: { id: recording.id }, data: { startedAt: new Date("2026-01-12T09:02:00Z") } });
    expect((await loadMeetingRecord(db, host.id, meeting.id, null, now))?.recordings).toMatchObject([{ id: recording.id, state: "RECORDING", startedByName: "Hana" }]);
    expect((await loadMeetingRecord(db, host.id, meeting.id, new Date("2026-01-05T09:00:00Z"), now))?.recordings).toEqual([]);
  });
});
