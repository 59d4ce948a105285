import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "@parley/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeTestVideo } from "@/test/test-video";
import { deleteHostRecording, resolveRecordingPath, retryHostRecording, serveRecordingFile, type RecordingAccess } from "./recording-files";

let db: Db;
let dir: string;
let outside: string;
let video: Buffer;
let host: { id: string };
let stranger: { id: string };
let meeting: { id: string; slug: string };

const user = () => db.prisma.user.create({ data: { id: randomUUID(), name: "U", email: `${randomUUID()}@example.org` } });

/** A READY recording of the meeting whose composed file is a fresh copy of the test video. */
async function readyRecording(fileName = `${randomUUID()}.mp4`) {
  await writeFile(path.join(dir, fileName), video);
  const started = await db.recordings.start({ meetingId: meeting.id, occurrenceStart: new Date(), startedById: host.id, startedByName: "Hana Host" });
  await db.recordings.stop(started.id, { stoppedById: host.id, stoppedByName: "Hana Host" });
  await db.recordings.markReady(started.id, { durationMs: 3000, sizeBytes: video.length, fileName });
  return { id: started.id, file: path.join(dir, fileName) };
}

const access = (userId: string | null): RecordingAccess => ({ db, recordingsDir: dir, userId });
const get = (who: string | null, id: string, headers: Record<string, string> = {}, query = "") =>
  serveRecordingFile(access(who), id, new Request(`http://parley.test/api/recordings/${id}/file${query}`, { headers }));
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

beforeAll(async () => {
  db = createDb(inject("databaseUrl"));
  dir = await mkdtemp(path.join(tmpdir(), "parley-recordings-"));
  outside = await mkdtemp(path.join(tmpdir(), "parley-outside-"));
  await makeTestVideo(path.join(outside, "source.mp4"));
  video = await readFile(path.join(outside, "source.mp4"));
  host = await user();
  stranger = await user();
  meeting = await db.meetings.create({
    hostId: host.id, slug: `rec-${randomUUID().slice(0, 8)}`, title: "Recorded", startsAt: new Date(), durationMinutes: 30,
    timeZone: "UTC", rrule: null, lobbyEnabled: false, instant: true, invitees: [],
  });
}, 60_000);
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe("GET /api/recordings/<id>/file", () => {
  it("gives the host the whole file, then exact byte ranges for the player", async () => {
    expect(video.length).toBeGreaterThan(20_000);
    const { id } = await readyRecording();

    const whole = await get(host.id, id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("video/mp4");
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.headers.get("content-length")).toBe(String(video.length));
    expect(whole.headers.get("content-disposition")).toBeNull();
    expect((await bytes(whole)).equals(video)).toBe(true);

    const middle = await get(host.id, id, { range: "bytes=1000-19999" });
    expect(middle.status).toBe(206);
    expect(middle.headers.get("content-range")).toBe(`bytes 1000-19999/${video.length}`);
    expect(middle.headers.get("content-length")).toBe("19000");
    expect((await bytes(middle)).equals(video.subarray(1000, 20000))).toBe(true);

    const open = await get(host.id, id, { range: "bytes=5000-" });
    expect(open.status).toBe(206);
    expect(open.headers.get("content-range")).toBe(`bytes 5000-${video.length - 1}/${video.length}`);
    expect((await bytes(open)).equals(video.subarray(5000))).toBe(true);

    const tail = await get(host.id, id, { range: "bytes=-500" });
    expect(tail.status).toBe(206);
    expect((await bytes(tail)).equals(video.subarray(video.length - 500))).toBe(true);
  });

  it("answers 416 with the size for ranges it cannot satisfy", async () => {
    const { id } = await readyRecording();
    for (const range of [`bytes=${video.length}-`, "bytes=500-100", "bytes=x-y"]) {
      const response = await get(host.id, id, { range });
      expect(response.status, range).toBe(416);
      expect(response.headers.get("content-range"), range).toBe(`bytes */${video.length}`);
    }
  });

  it("?download=1 makes it an attachment with a safe file name", async () => {
    const { id } = await readyRecording();
    const response = await get(host.id, id, {}, "?download=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="${meeting.slug}-recording-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.mp4"$`));
    expect((await bytes(response)).length).toBe(video.length);
  });

  it("is a 404 for anyone but the host, unknown and malformed ids, unfinished recordings and missing files", async () => {
    const { id, file } = await readyRecording();
    expect((await get(stranger.id, id)).status).toBe(404);
    expect((await get(null, id)).status).toBe(404);
    expect((await get(host.id, randomUUID())).status).toBe(404);
    for (const bad of ["not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "../../etc/passwd", ""]) expect((await get(host.id, bad)).status, bad).toBe(404);
    // No RECORDINGS_DIR configured: nothing is served.
    expect((await serveRecordingFile({ db, recordingsDir: undefined, userId: host.id }, id, new Request("http://parley.test/x"))).status).toBe(404);

    const running = await db.recordings.start({ meetingId: meeting.id, occurrenceStart: new Date(), startedByName: "Hana Host" });
    expect((await get(host.id, running.id)).status).toBe(404);
    await db.recordings.stop(running.id, { stoppedByName: "Hana Host" });

    await rm(file);
    expect((await get(host.id, id)).status).toBe(404);
  });

  it("serves co-hosts of the meeting too (verified address, marked co-host), who cannot delete it", async () => {
    const { id } = await readyRecording();
    const email = `co-${randomUUID()}@example.org`;
    const cohost = await db.prisma.user.create({ data: { id: randomUUID(), name: "Cora", email, emailVerified: true } });
    expect((await get(cohost.id, id)).status).toBe(404);
    await db.prisma.invitee.create({ data: { meetingId: meeting.id, email, cohost: false } });
    expect((await get(cohost.id, id)).status).toBe(404);
    await db.prisma.invitee.update({ where: { meetingId_email: { meetingId: meeting.id, email } }, data: { cohost: true } });
    const served = await get(cohost.id, id);
    expect(served.status).toBe(200);
    expect((await bytes(served)).equals(video)).toBe(true);
    expect(await deleteHostRecording(access(cohost.id), id)).toBe("not_found");
    expect((await get(host.id, id)).status).toBe(200);
  });

  it("never leaves RECORDINGS_DIR, even when the stored name or a symbolic link points outside", async () => {
    await writeFile(path.join(outside, "secret.mp4"), "secret");
    await symlink(path.join(outside, "secret.mp4"), path.join(dir, "link.mp4"));
    expect(await resolveRecordingPath(dir, "link.mp4")).toBeNull();
    expect(await resolveRecordingPath(dir, "../secret.mp4")).toBeNull();
    expect(await resolveRecordingPath(dir, `../${path.basename(outside)}/secret.mp4`)).toBeNull();
    expect(await resolveRecordingPath(dir, "..")).toBeNull();
    expect(await resolveRecordingPath("relative/dir", "x.mp4")).toBeNull();
    // A row whose name escapes (written around the repository's own check) is still a 404.
    const { id } = await readyRecording();
    await db.prisma.recording.update({ where: { id }, data: { fileName: "link.mp4" } });
    expect((await get(host.id, id)).status).toBe(404);
  });
});

describe("deleting and retrying recordings", () => {
  it("the host deletes a ready recording: file and row are gone; nobody else can", async () => {
    const { id, file } = await readyRecording();
    expect(await deleteHostRecording(access(stranger.id), id)).toBe("not_found");
    expect(await deleteHostRecording(access(host.id), "../x")).toBe("not_found");
    expect(await stat(file)).toBeTruthy();

    expect(await deleteHostRecording(access(host.id), id)).toBe("deleted");
    await expect(stat(file)).rejects.toMatchObject({ code: "ENOENT" });
    expect(await db.recordings.findById(id)).toBeNull();
    expect((await get(host.id, id)).status).toBe(404);
    expect(await deleteHostRecording(access(host.id), id)).toBe("not_found");
  });

  it("a recording still being processed is not deleted; a failed one is retried by the host only", async () => {
    const started = await db.recordings.start({ meetingId: meeting.id, occurrenceStart: new Date(), startedByName: "Hana Host" });
    await db.recordings.stop(started.id, { stoppedByName: "Hana Host" });
    expect(await deleteHostRecording(access(host.id), started.id)).toBe("busy");
    expect(await retryHostRecording(access(host.id), started.id)).toBe("not_failed");

    await db.recordings.markFailed(started.id, "ffmpeg exited with code 1");
    // Janus' raw streams stay after a failure (for a retry); deleting the recording takes them too.
    await mkdir(path.join(dir, started.id));
    await writeFile(path.join(dir, started.id, "p1-camera-video-1.mjr"), "raw");
    expect(await retryHostRecording(access(stranger.id), started.id)).toBe("not_found");
    expect((await db.recordings.findById(started.id))?.state).toBe("FAILED");
    expect(await retryHostRecording(access(host.id), started.id)).toBe("retried");
    expect(await db.recordings.findById(started.id)).toMatchObject({ state: "PROCESSING", progress: 0, failureReason: null });

    await db.recordings.markFailed(started.id, "ffmpeg exited with code 1");
    expect(await deleteHostRecording(access(host.id), started.id)).toBe("deleted");
    await expect(stat(path.join(dir, started.id))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await db.recordings.findById(started.id)).toBeNull();
  });
});
