import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { DbError } from "../errors";
import { insertUser, testDb, uniqueSlug } from "../test/fixtures";

const db = testDb();
afterAll(() => db.close());

async function newMeeting() {
  const host = await insertUser(db);
  const meeting = await db.meetings.create({
    hostId: host.id, slug: uniqueSlug(), title: "Recorded", startsAt: new Date(), durationMinutes: 30, timeZone: "UTC", lobbyEnabled: false, instant: true, invitees: [],
  });
  return { host, meetingId: meeting.id, occurrenceStart: meeting.startsAt };
}

const fail = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as DbError);

describe("recordings repository", () => {
  it("walks recording → processing (with progress) → ready, with who started and stopped it", async () => {
    const { host, meetingId, occurrenceStart } = await newMeeting();
    const rec = await db.recordings.start({ meetingId, occurrenceStart, startedById: host.id, startedByName: "Hana" });
    expect(rec).toMatchObject({ state: "RECORDING", progress: 0, startedByName: "Hana", stoppedAt: null });
    expect((await db.recordings.running(meetingId))?.id).toBe(rec.id);

    const stopped = await db.recordings.stop(rec.id, { stoppedById: host.id, stoppedByName: "Hana" });
    expect(stopped).toMatchObject({ state: "PROCESSING", stoppedByName: "Hana" });
    expect(stopped!.stoppedAt!.getTime()).toBeGreaterThanOrEqual(rec.startedAt.getTime());
    expect(await db.recordings.running(meetingId)).toBeNull();
    expect(await db.recordings.stop(rec.id, { stoppedByName: "Again" })).toBeNull();

    await db.recordings.reportProgress(rec.id, 42);
    expect((await db.recordings.findById(rec.id))?.progress).toBe(42);
    const ready = await db.recordings.markReady(rec.id, { durationMs: 10_000, sizeBytes: 5_000_000_000, fileName: `${rec.id}.mp4` });
    expect(ready).toMatchObject({ state: "READY", progress: 100, durationMs: 10_000, sizeBytes: 5_000_000_000n, fileName: `${rec.id}.mp4` });
    // Progress after the end changes nothing.
    await db.recordings.reportProgress(rec.id, 3);
    expect((await db.recordings.findById(rec.id))?.progress).toBe(100);
  });

  it("refuses a second running recording per meeting, atomically", async () => {
    const { meetingId, occurrenceStart } = await newMeeting();
    const results = await Promise.allSettled([1, 2, 3].map(() => db.recordings.start({ meetingId, occurrenceStart, startedByName: "H" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.map((r) => (r.reason as DbError).code)).toEqual(["conflict", "conflict"]);
    expect(await db.recordings.listForMeeting(meetingId)).toHaveLength(1);
  });

  it("fails with a reason, retries, and refuses bad input", async () => {
    const { meetingId, occurrenceStart } = await newMeeting();
    const rec = await db.recordings.start({ meetingId, occurrenceStart, startedByName: "H" });
    expect(await db.recordings.markFailed(rec.id, "Disk full")).toBeNull(); // still recording
    await db.recordings.stop(rec.id, { stoppedByName: "H" });
    expect(await db.recordings.markFailed(rec.id, "Not enough disk space")).toMatchObject({ state: "FAILED", failureReason: "Not enough disk space" });
    expect(await db.recordings.retry(rec.id)).toMatchObject({ state: "PROCESSING", progress: 0, failureReason: null });
    for (const fileName of ["../x.mp4", "a/b.mp4", ".hidden", "x..mp4", ""]) {
      expect((await fail(db.recordings.markReady(rec.id, { durationMs: 1, sizeBytes: 1, fileName })))?.code).toBe("invalid_input");
    }
    expect((await fail(db.recordings.reportProgress(rec.id, 101)))?.code).toBe("invalid_input");
    expect((await fail(db.recordings.start({ meetingId: randomUUID(), occurrenceStart, startedByName: "H" })))?.code).toBe("not_found");
    expect((await fail(db.recordings.start({ meetingId, occurrenceStart, startedByName: " " })))?.code).toBe("invalid_input");
  });

  it("deletes only within its meeting and lists expired finished recordings", async () => {
    const a = await newMeeting();
    const b = await newMeeting();
    const rec = await db.recordings.start({ meetingId: a.meetingId, occurrenceStart: a.occurrenceStart, startedByName: "H" });
    expect(await db.recordings.deleteForMeeting(b.meetingId, rec.id)).toBeNull();
    expect(await db.recordings.deleteForMeeting(a.meetingId, "../../etc/passwd")).toBeNull();
    await db.recordings.stop(rec.id, { stoppedByName: "H" });
    await db.recordings.markReady(rec.id, { durationMs: 1, sizeBytes: 1, fileName: "a.mp4" });
    const future = new Date(Date.now() + 60_000);
    expect((await db.recordings.listExpired(future, 1000)).map((r) => r.id)).toContain(rec.id);
    expect((await db.recordings.listExpired(new Date(0))).map((r) => r.id)).not.toContain(rec.id);
    expect((await db.recordings.deleteForMeeting(a.meetingId, rec.id))?.id).toBe(rec.id);
    expect(await db.recordings.findById(rec.id)).toBeNull();
  });

  it("cancels a recording whose start was refused (only while RECORDING) and deletes one by id", async () => {
    const { meetingId, occurrenceStart } = await newMeeting();
    const refused = await db.recordings.start({ meetingId, occurrenceStart, startedByName: "H" });
    expect(await db.recordings.cancel(refused.id)).toBe(true);
    expect(await db.recordings.findById(refused.id)).toBeNull();
    expect(await db.recordings.cancel("not-a-uuid")).toBe(false);
    const kept = await db.recordings.start({ meetingId, occurrenceStart, startedByName: "H" });
    // No job queue in this package's database: stopping still works (the web worker queues it when it starts).
    await db.recordings.stop(kept.id, { stoppedByName: "H" });
    expect(await db.recordings.cancel(kept.id)).toBe(false);
    expect((await db.recordings.deleteById(kept.id))?.id).toBe(kept.id);
    expect(await db.recordings.deleteById(kept.id)).toBeNull();
  });
});
