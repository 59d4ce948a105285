import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEffectsServer, writeNoisySpeechWav, type EffectsServer } from "./testing/effects-server";

/**
 * The effects in Debian's Chromium: the segmentation model blurs or replaces what is around a synthetic person and
 * leaves the person alone; RNNoise lowers the noise floor of a noisy fake microphone. Every file comes from our server.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Effects = {
  support(): { background: { supported: boolean }; noise: { supported: boolean } };
  compareBackground(choice: { kind: "blur" } | { kind: "image"; url: string }): Promise<{ size: number[]; person: number; background: number[] }>;
  compareNoise(ms: number): Promise<{ off: { noiseFloorDb: number; loudDb: number }; on: { noiseFloorDb: number; loudDb: number } }>;
};
declare const effects: Effects;

let server: EffectsServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is needed at ${CHROMIUM}`);
  server = await startEffectsServer();
  const wav = await writeNoisySpeechWav(await mkdtemp(join(tmpdir(), "parley-effects-audio-")));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_TEST_FLAGS,
      `--use-file-for-fake-audio-capture=${wav}`,
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
  const context = await browser.newContext();
  context.on("request", (request) => requests.push(request.url()));
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") console.warn("[page]", m.text());
  });
  page.on("pageerror", (e) => console.warn("[page]", e.message));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("background effect", () => {
  it("is supported in Chromium", async () => {
    expect(await page.evaluate(() => effects.support())).toMatchObject({ background: { supported: true }, noise: { supported: true } });
  });

  it("blurs the background and leaves the person as it was", async () => {
    const result = await page.evaluate(() => effects.compareBackground({ kind: "blur" }));
    console.warn("blur: mean |difference| from the original", result);
    expect(result.size).toEqual([640, 360]);
    // Mean absolute RGB difference from the unprocessed scene (0–255): the busy background is smoothed away,
    // the face is untouched (small differences come from the video path's colour conversion).
    for (const background of result.background) expect(background).toBeGreaterThan(20);
    expect(result.person).toBeLessThan(8);
    expect(Math.min(...result.background)).toBeGreaterThan(result.person * 4);
  });

  it("replaces the background with a bundled image", async () => {
    const result = await page.evaluate(() => effects.compareBackground({ kind: "image", url: "/effects/backgrounds/aurora.jpg" }));
    console.warn("background image: mean |difference| from the original", result);
    for (const background of result.background) expect(background).toBeGreaterThan(30);
    expect(result.person).toBeLessThan(8);
  });

  it("loads the model and runtime from our own origin only", () => {
    const origin = new URL(server.url).origin;
    expect(requests.some((url) => url.endsWith("/effects/selfie_segmentation_landscape.tflite"))).toBe(true);
    // The worker's own loads, seen by our server.
    expect(server.requested).toEqual(expect.arrayContaining(["/effects/background-worker.js", "/effects/tflite-simd.js", "/effects/tflite-simd.wasm"]));
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith("blob:") && !url.startsWith("data:"))).toEqual([]);
  });
});

describe("noise suppression", () => {
  it("lowers the noise floor between the bursts of speech", async () => {
    const { off, on } = await page.evaluate(() => effects.compareNoise(5000));
    console.warn("noise suppression (dBFS)", { off, on });
    // The unprocessed floor is the pink noise (around -35 dBFS); RNNoise takes it down by well over 10 dB.
    expect(off.noiseFloorDb).toBeGreaterThan(-50);
    expect(on.noiseFloorDb).toBeLessThan(off.noiseFloorDb - 10);
    // ...and still lets the speech-like bursts through.
    expect(on.loudDb).toBeGreaterThan(off.loudDb - 15);
    expect(server.requested).toEqual(expect.arrayContaining(["/effects/rnnoise-worklet.js", "/effects/rnnoise_simd.wasm"]));
  });
});
