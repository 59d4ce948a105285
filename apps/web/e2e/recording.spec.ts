import { readFile, stat } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { enterWithoutCamera, expectAccessible, guestPage, hostWithInstantMeeting } from "./call-helpers";
import { signUp, uniqueEmail } from "./helpers";
import { insertFinishedRecording, readyRecordingFor, stackDb } from "./recordings";

// This stack has no SFU: starting a recording is refused with recording_unavailable. Recording through Janus, and the
// indicator on every page, are in recording.sfu.spec.ts (playwright.sfu.config.ts).

const SLOW = { timeout: 60_000 };
const slugOf = (path: string) => path.split("/").pop()!;


test("only the host has a Record control; it asks first, and a server without an SFU is explained; a guest is refused by the server too", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Rhea Recorder");
  await enterWithoutCamera(host, path);
  const guest = await guestPage(browser);
  await enterWithoutCamera(guest.page, path, "Gus Guest");

  await expect(guest.page.getByRole("toolbar", { name: "Call controls" })).toBeVisible();
  await expect(guest.page.getByRole("button", { name: "Record", exact: true })).toHaveCount(0);
  // The server refuses a guest who asks anyway (e.g. from the console).
  const refused = await guest.page.evaluate(() => window.parleyCall!.startRecording().then(() => "started", (error: { code?: string }) => error.code));
  expect(refused).toBe("forbidden");

  await host.getByRole("button", { name: "Record", exact: true }).click();
  const dialog = host.getByRole("dialog", { name: "Record this meeting?" });
  await expect(dialog).toContainText("Everyone will be told");
  await expectAccessible(host);
  await dialog.getByRole("button", { name: "Start recording" }).click();
  await expect(host.getByRole("status").filter({ hasText: "Recording needs the media server (SFU)" })).toBeVisible();
  await expect(host.getByTestId("recording-indicator")).toHaveCount(0);
  await expect(guest.page.getByTestId("recording-indicator")).toHaveCount(0);
  await guest.context.close();
});

test("someone opening the join page of a meeting being recorded is told before entering", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Nora Notice");
  const meeting = await stackDb().meetings.findBySlug(slugOf(path));
  const guest = await guestPage(browser);
  await guest.page.goto(path);
  await expect(guest.page.getByTestId("meeting-title")).toBeVisible();
  await expect(guest.page.getByTestId("recording-notice")).toHaveCount(0);

  const recording = await stackDb().recordings.start({ meetingId: meeting!.id, occurrenceStart: new Date(), startedByName: "Nora Notice" });
  await guest.page.reload();
  await expect(guest.page.getByTestId("recording-notice")).toHaveText(/This meeting is being recorded\./);
  await expectAccessible(guest.page);

  await stackDb().recordings.stop(recording.id, { stoppedByName: "Nora Notice" });
  await guest.page.reload();
  await expect(guest.page.getByTestId("meeting-title")).toBeVisible();
  await expect(guest.page.getByTestId("recording-notice")).toHaveCount(0);
  await guest.context.close();
});

test("the host plays a finished recording on the record page, downloads it, retries a failed one and deletes; nobody else gets the file", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Paula Player");
  const ready = await readyRecordingFor(slugOf(path), "Paula Player");
  const failedId = await insertFinishedRecording(ready.meetingId, "Paula Player", { state: "FAILED", failureReason: "No media was recorded." });

  await host.goto(`/meetings/${ready.meetingId}/record`);
  const items = host.getByTestId("recording");
  await expect(items).toHaveCount(2);
  const item = host.locator(`[data-testid="recording"][data-state="READY"]`);
  const failedItem = host.locator(`[data-testid="recording"][data-state="FAILED"]`);
  await expect(failedItem).toContainText("Processing failed: No media was recorded.");
  await expect(item).toContainText("Ready · 4 s");

  // Plays in the page, from our own route (byte ranges): data for the current frame, then time moves on.
  const video = item.locator("video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { message: "video has data", ...SLOW }).toBeGreaterThanOrEqual(2);
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { message: "playing", ...SLOW }).toBeGreaterThan(0.5);
  expect(await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([320, 180]);
  await expectAccessible(host);

  const downloading = host.waitForEvent("download");
  await item.getByRole("link", { name: "Download" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-recording-\d{4}-\d{2}-\d{2}-\d{4}\.mp4$/);
  const saved = await download.path();
  expect((await stat(saved)).size).toBe(ready.size);
  expect((await readFile(saved)).equals(await readFile(ready.file))).toBe(true);

  // Someone else (signed in) and a signed-out visitor get 404 for the file.
  const other = await guestPage(browser);
  expect((await other.page.request.get(`/api/recordings/${ready.id}/file`)).status()).toBe(404);
  await signUp(other.page, "Nosy Neighbour", uniqueEmail("nosy"));
  expect((await other.page.request.get(`/api/recordings/${ready.id}/file`)).status()).toBe(404);
  expect((await other.page.request.get(`/api/recordings/${ready.id}/file?download=1`)).status()).toBe(404);
  await other.context.close();
  expect((await host.request.get(`/api/recordings/..%2F..%2Fetc%2Fpasswd/file`)).status()).toBe(404);

  // Retry queues the compose job again and the stack's real worker runs it: this recording has no raw files, so it
  // fails again, now with the worker's own reason (the page refreshes itself while processing).
  await failedItem.getByRole("button", { name: "Retry" }).click();
  await expect(failedItem).toContainText("Processing failed: The recording's files are missing.", SLOW);
  expect(await stackDb().recordings.findById(failedId)).toMatchObject({ state: "FAILED", failureReason: "The recording's files are missing." });

  await item.getByRole("button", { name: /^Delete recording of/ }).click();
  const confirm = host.getByRole("dialog", { name: "Delete this recording?" });
  await confirm.getByRole("button", { name: "Delete recording" }).click();
  await expect(host.locator(`[data-testid="recording"][data-state="READY"]`)).toHaveCount(0);
  expect(await stackDb().recordings.findById(ready.id)).toBeNull();
  await expect(stat(ready.file)).rejects.toMatchObject({ code: "ENOENT" });
  expect((await host.request.get(`/api/recordings/${ready.id}/file`)).status()).toBe(404);
});

test.afterAll(async () => {
  await stackDb().close();
});
