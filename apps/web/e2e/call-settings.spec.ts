import { expect, test, type Page } from "@playwright/test";
import { chromiumFlagsWithFakeCameras } from "@parley/test-support";
import { enterMeeting, expectAccessible, expectInCall, expectVideoFlowing, guestPage, hostWithInstantMeeting } from "./call-helpers";

// Generous: two Chromiums with three fake cameras each, many steps, and a shared two-core machine.
test.describe.configure({ timeout: 360_000 });
// Three fake cameras; the test switches between fake_device_0 and fake_device_2 (fake_device_1 is a depth camera).
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumFlagsWithFakeCameras(3) } });

declare global {
  interface Window {
    /** Every RTCPeerConnection the page made (collected by the init script below), to read senders and stats. */
    testPeerConnections?: RTCPeerConnection[];
  }
}

/** Keeps a reference to each RTCPeerConnection the app creates, so the test can look at what is really sent. */
async function collectPeerConnections(page: Page) {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.testPeerConnections = [];
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        window.testPeerConnections!.push(this);
      }
    };
  });
}

/**
 * The median green level of a camera's picture: the test pattern's background. The fake cameras paint the same
 * pattern, but fake_device_2's (MJPEG) background decodes darker than fake_device_0's (128 against 135 in Chromium
 * 156, at every frame, before and after VP8), so this tells which camera a picture comes from.
 */
async function cameraSignature(page: Page, whose: "remote" | "local"): Promise<number | null> {
  return page.evaluate(async (whose) => {
    const call = window.parleyCall!;
    const track = whose === "local" ? call.localMedia.state.cameraTrack : call.snapshot.participants.find((p) => p.tracks.camera)?.tracks.camera;
    if (!track) return null;
    const video = document.createElement("video");
    video.muted = true;
    video.srcObject = new MediaStream([track]);
    const playing = video.play().then(() => true);
    const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2_000));
    if (!(await Promise.race([playing, timedOut]))) return null; // no frame arrives
    const canvas = document.createElement("canvas");
    canvas.width = 64;
    canvas.height = 36;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    context.drawImage(video, 0, 0, 64, 36);
    video.srcObject = null;
    const pixels = context.getImageData(0, 0, 64, 36).data;
    const greens: number[] = [];
    for (let i = 1; i < pixels.length; i += 4) greens.push(pixels[i]!);
    greens.sort((x, y) => x - y);
    return greens[greens.length >> 1]!;
  }, whose);
}

/** The guest's picture of the host is the host's current camera, and not the one `not` (a signature) was taken of. */
async function guestSeesHostCamera(host: Page, guest: Page, not?: number) {
  await expect
    .poll(
      async () => {
        const [sent, received] = [await cameraSignature(host, "local"), await cameraSignature(guest, "remote")];
        return sent !== null && received !== null && Math.abs(sent - received) <= 2 && (not === undefined || Math.abs(received - not) >= 4);
      },
      { message: "the guest receives the host's current camera" },
    )
    .toBe(true);
  return (await cameraSignature(guest, "remote"))!;
}

/** What the page sends as its microphone on every connection: the sender tracks' ids, and the track itself. */
async function sentMicrophone(page: Page) {
  return page.evaluate(() => {
    const local = window.parleyCall!.localMedia.state.microphoneTrack;
    const senders = window.testPeerConnections!.filter((pc) => pc.connectionState !== "closed").flatMap((pc) => pc.getSenders().filter((s) => s.track?.kind === "audio"));
    return { trackId: local?.id ?? null, deviceId: local?.getSettings().deviceId ?? null, label: local?.label ?? null, senderTrackIds: senders.map((s) => s.track!.id) };
  });
}

/** Audio packets and energy this page received (inbound-rtp, every connection). */
async function receivedAudio(page: Page) {
  return page.evaluate(async () => {
    let packets = 0;
    let energy = 0;
    for (const pc of window.testPeerConnections!) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((entry: Record<string, unknown>) => {
        if (entry.type !== "inbound-rtp" || entry.kind !== "audio") return;
        packets += Number(entry.packetsReceived ?? 0);
        energy += Number(entry.totalAudioEnergy ?? 0);
      });
    }
    return { packets, energy };
  });
}

const meterLevel = async (page: Page) => Number(await page.getByRole("meter", { name: "Microphone level" }).getAttribute("aria-valuenow"));

test("in the call: settings switch camera, microphone, speaker and sent quality; the other side receives the change", async ({ page: host, browser }) => {
  await collectPeerConnections(host);
  const path = await hostWithInstantMeeting(host, "Sam Settings");
  // Pre-join: the microphone meter moves with the fake microphone's beeps.
  await expect(host.getByRole("button", { name: "Join", exact: true })).toBeEnabled();
  await expect.poll(() => meterLevel(host), { message: "pre-join microphone meter above 0" }).toBeGreaterThan(0);
  await enterMeeting(host, path);
  await expectInCall(host);

  const guest = await guestPage(browser);
  await collectPeerConnections(guest.page);
  await enterMeeting(guest.page, path, "Gus Guest");
  await expectInCall(guest.page);
  await expectVideoFlowing(guest.page, 1);
  const firstCamera = await guestSeesHostCamera(host, guest.page);

  // The settings dialog: devices, a live meter, accessible.
  await host.getByRole("button", { name: "Settings", exact: true }).click();
  const settings = host.getByRole("dialog", { name: "Settings" });
  await expect(settings).toBeVisible();
  await expect.poll(() => meterLevel(host), { message: "in-call microphone meter above 0" }).toBeGreaterThan(0);
  await expectAccessible(host);

  // Camera: the guest's picture changes to the other camera's, without anyone rejoining.
  const camera = settings.getByLabel("Camera", { exact: true });
  await expect(camera.locator("option")).toHaveCount(3);
  await expect(camera.locator("option:checked")).toHaveText("fake_device_0");
  await camera.selectOption({ label: "fake_device_2" });
  await expect.poll(() => host.evaluate(() => window.parleyCall!.localMedia.state.cameraTrack?.label)).toBe("fake_device_2");
  await guestSeesHostCamera(host, guest.page, firstCamera);
  await expect(camera.locator("option:checked")).toHaveText("fake_device_2");
  await expectVideoFlowing(guest.page, 1);

  // Microphone: the other device is captured and what goes out on every connection follows it; the guest still hears
  // it. (With noise suppression on, the sent track is the filter's output, which stays the same track: so the check is
  // the captured device, and that every connection sends the current sent track.)
  const before = await sentMicrophone(host);
  expect(before.senderTrackIds).toEqual([before.trackId]);
  const microphone = settings.getByLabel("Microphone", { exact: true });
  const capturedBefore = await host.evaluate(() => window.parleyCall!.localMedia.state.microphoneId);
  await microphone.selectOption({ label: "Fake Audio Input 1" });
  const chosen = await microphone.locator("option", { hasText: "Fake Audio Input 1" }).getAttribute("value");
  expect(chosen).not.toBe(capturedBefore);
  await expect.poll(() => host.evaluate(() => window.parleyCall!.localMedia.state.microphoneId)).toBe(chosen);
  await expect.poll(async () => { const now = await sentMicrophone(host); return now.trackId !== null && now.senderTrackIds.length === 1 && now.senderTrackIds[0] === now.trackId; }).toBe(true);
  const heardAt = await receivedAudio(guest.page);
  await expect
    .poll(async () => {
      const now = await receivedAudio(guest.page);
      return now.packets > heardAt.packets + 50 && now.energy > heardAt.energy;
    }, { message: "the guest keeps receiving audible audio after the switch" })
    .toBe(true);
  await expect.poll(() => meterLevel(host), { message: "the meter follows the new microphone" }).toBeGreaterThan(0);

  // Speaker: the guest's voice plays on the chosen output.
  await settings.getByLabel("Speaker", { exact: true }).selectOption({ label: "Fake Audio Output 1" });
  const speakerId = await host.evaluate(() => window.parleyCall!.localMedia.state.speakerId);
  expect(speakerId).toBeTruthy();
  await expect.poll(() => host.locator("audio[data-participant-audio]").evaluate((audio: HTMLAudioElement) => audio.sinkId)).toBe(speakerId);

  // Sent quality: 180p reaches the guest as frames no taller than 180 pixels.
  const remoteHeight = async () => {
    const stats = Object.values(await guest.page.evaluate(() => window.parleyCall!.getRemoteVideoStats()));
    return stats[0]?.tracks.find((t) => t.source === "camera")?.frameHeight ?? 0;
  };
  await expect.poll(remoteHeight, { message: "the guest decodes more than 180p at first" }).toBeGreaterThan(180);
  await settings.getByLabel("Sent video quality").selectOption({ label: "Low (180p)" });
  await expect.poll(remoteHeight, { message: "the guest decodes at most 180p" }).toBeLessThanOrEqual(180);
  expect(await remoteHeight()).toBeGreaterThan(0);
  await host.keyboard.press("Escape");
  await expect(settings).toBeHidden();

  // The chevron beside the camera button switches back without the dialog.
  await host.getByRole("button", { name: "Camera options" }).click();
  await host.getByRole("menuitemradio", { name: "fake_device_0" }).click();
  await expect.poll(() => host.evaluate(() => window.parleyCall!.localMedia.state.cameraTrack?.label)).toBe("fake_device_0");
  expect(Math.abs((await guestSeesHostCamera(host, guest.page)) - firstCamera)).toBeLessThanOrEqual(2);
  await expect(host.getByRole("dialog")).toBeHidden();

  // ...and its "Video settings" entry opens the dialog.
  await host.getByRole("button", { name: "Camera options" }).click();
  await host.getByRole("menuitem", { name: "Video settings" }).click();
  await expect(settings).toBeVisible();
  await expect(settings.getByLabel("Camera", { exact: true }).locator("option:checked")).toHaveText("fake_device_0");
  await guest.context.close();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the settings are in the More menu", async ({ page }) => {
    const path = await hostWithInstantMeeting(page, "Pia Phone");
    await enterMeeting(page, path);
    await expectInCall(page);
    await expect(page.getByRole("button", { name: "Settings", exact: true })).toBeHidden();
    await expect(page.getByRole("button", { name: "Camera options" })).toBeHidden();
    await page.getByRole("button", { name: "More controls" }).click();
    await page.getByRole("menuitem", { name: "Settings" }).click();
    const settings = page.getByRole("dialog", { name: "Settings" });
    await expect(settings).toBeVisible();
    await expect(settings.getByLabel("Camera", { exact: true })).toBeVisible();
    const box = (await settings.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  });
});
