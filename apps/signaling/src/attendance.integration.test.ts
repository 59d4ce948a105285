import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { request, startHarness, type Harness } from "./testing/harness";

/** Attendance records are written after the join's answer: a newcomer's media never waits for a database insert. */
let h: Harness;
/** Attendance inserts wait here until a test lets them through. */
const held: (() => void)[] = [];
let holding = false;
const release = () => {
  holding = false;
  for (const go of held.splice(0)) go();
};

beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), {}, (db) => ({
    ...db,
    participants: {
      ...db.participants,
      recordJoin: async (input) => {
        if (holding) await new Promise<void>((resolve) => held.push(resolve));
        return db.participants.recordJoin(input);
      },
    },
  }));
});
afterAll(() => {
  release();
  return h.close();
});

describe("attendance after the join's answer", () => {
  it("answers the join while the attendance insert is still held, then records it for the member", async () => {
    const meeting = await h.createMeeting();
    holding = true;
    // `join`, not `joined`: the harness's `joined` waits for the attendance record, which is held here.
    const { ack } = await h.join(meeting.id, meeting.host);
    expect(ack).toMatchObject({ ok: true, data: { status: "joined" } });
    expect(held).toHaveLength(1); // the insert has not even started
    expect(await h.db.participants.listForMeeting(meeting.id)).toEqual([]);
    release();
    await expect
      .poll(() => h.db.participants.listForMeeting(meeting.id))
      .toEqual([expect.objectContaining({ displayName: "Hana Host", role: "HOST", leftAt: null })]);
  });

  it("closes the record at once when the member left before it was written", async () => {
    const meeting = await h.createMeeting();
    holding = true;
    const guest = h.guest("Quick Quinn");
    const { client, ack } = await h.join(meeting.id, guest);
    expect(ack).toMatchObject({ ok: true, data: { status: "joined" } });
    expect(await request(client, "room:leave", {})).toMatchObject({ ok: true });
    release();
    await expect
      .poll(async () => (await h.db.participants.listForMeeting(meeting.id)).map((p) => [p.displayName, p.leftAt instanceof Date]))
      .toEqual([["Quick Quinn", true]]);
  });
});
