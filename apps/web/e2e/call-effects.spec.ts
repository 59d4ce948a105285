import { expect, test } from "@playwright/test";
import { enterMeeting, expectInCall, hostWithInstantMeeting } from "./call-helpers";

test.describe.configure({ timeout: 240_000 });

/**
 * Effects through the real app: noise suppression is on when the call starts, background blur turns on from the
 * settings, and the model, runtime and worklet come from our own origin (nothing from any other host). That the blur
 * changes the background and not the person is proven on pixels in packages/media-effects' browser test.
 */
test("in the call: noise suppression is on by default and blur turns on, with every file from our own origin", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on("request", (request) => requests.push(request.url()));
  const failed: string[] = [];
  page.on("requestfailed", (request) => failed.push(request.url()));

  const path = await hostWithInstantMeeting(page, "Bea Blur");
  await enterMeeting(page, path);
  await expectInCall(page);
  const capturedCamera = await page.evaluate(() => window.parleyCall!.localMedia.state.cameraTrack?.id ?? null);

  await page.getByRole("button", { name: "Settings", exact: true }).click();
  const settings = page.getByRole("dialog", { name: "Settings" });
  await expect(settings.getByRole("heading", { name: "Effects" })).toBeVisible();
  const noise = settings.getByRole("switch", { name: "Noise suppression" });
  await expect(noise).toBeChecked();
  await expect(settings.getByText("Filters out steady noise")).toBeVisible();

  await settings.getByText("Blur", { exact: true }).click();
  await expect(settings.getByRole("radio", { name: "Blur" })).toBeChecked();
  await expect(settings.getByText("Loading the background effect", { exact: false })).toBeHidden({ timeout: 60_000 });
  await expect(settings.getByRole("alert")).toHaveCount(0);
  // What the call sends is the effect's output now, not the captured camera, and it carries frames.
  await expect.poll(() => page.evaluate(() => window.parleyCall!.localMedia.state.cameraTrack?.id ?? null)).not.toBe(capturedCamera);
  const frames = await page.evaluate(async () => {
    const track = window.parleyCall!.localMedia.state.cameraTrack!;
    const video = document.createElement("video");
    video.muted = true;
    video.srcObject = new MediaStream([track]);
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    return video.getVideoPlaybackQuality().totalVideoFrames;
  });
  expect(frames).toBeGreaterThan(0);

  const effectFiles = requests.filter((url) => new URL(url).pathname.startsWith("/effects/"));
  expect(effectFiles.some((url) => url.endsWith(".tflite")), "the segmentation model was fetched").toBe(true);
  expect(effectFiles.some((url) => url.endsWith(".wasm")), "a wasm runtime was fetched").toBe(true);
  const elsewhere = requests.filter((url) => /^https?:/.test(url) && !url.startsWith(origin) && !url.includes("://localhost:"));
  expect(elsewhere, "requests to other hosts").toEqual([]);
  expect(failed.filter((url) => url.includes("/effects/")), "effect files that failed to load").toEqual([]);
});
