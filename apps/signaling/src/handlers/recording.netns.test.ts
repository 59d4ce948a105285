import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { currentNamespaceIceInterface, startJanus, type JanusInstance } from "@parley/janus-harness";
import { CELL, processRecording } from "@parley/recording";
import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";
import { startHarness, type Harness, type Person } from "../testing/harness";

/**
 * Recording end to end: three real Chromium participants (webrtc-client) in a call through a real Janus, driven by
 * the real signaling server; the host starts recording, a third person joins and another shares a screen while it
 * runs, the host stops. Janus' per-publisher files must be in RECORDINGS_DIR/<id>, and the compose job's work
 * (@parley/recording's processRecording, which the web app's `recording_compose` task runs) must make one MP4 of them:
 * READY, the recorded length, the grid, each person's colour, audible audio. Runs in the network namespace
 * (vitest.netns.config.ts).
 */
interface PageApi {
  join(url: string, meetingId: string, index: number, person: FakePerson): Promise<string>;
  cameraFrames(index: number): Promise<Record<string, number>>;
  screenFrames(index: number): Promise<Record<string, number>>;
  share(index: number): Promise<void>;
  record(index: number, meetingId: string, on: boolean): Promise<{ ok: boolean; data?: { recordingId: string | null }; error?: { code: string } }>;
  leave(index: number): Promise<void>;
  errors: string[];
}
declare const parleyRecordingTest: PageApi;
/** A participant's fake media in the page: a camera in one solid colour, a microphone playing one tone. */
type FakePerson = { colour: [number, number, number]; toneHz: number; screenColour?: [number, number, number] };

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PEOPLE: FakePerson[] = [
  { colour: [220, 30, 30], toneHz: 440 },
  { colour: [30, 200, 30], toneHz: 660, screenColour: [230, 220, 30] },
  { colour: [30, 60, 220], toneHz: 880 },
];
const SCREEN = PEOPLE[1]!.screenColour!;
const RECORD_MS = 10_000;
/** Each part of the Janus crash test: recorded before the crash, and again after the clients published again. */
const PART_MS = 4_000;

let janus: JanusInstance;
let browser: Browser;
let pageServer: Server;
let pageUrl: string;
let recordingsDir: string;

async function bundlePage(): Promise<string> {
  const out = await build({
    entryPoints: [createRequire(import.meta.url).resolve("@parley/webrtc-client/testing/recording-page")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    write: false,
  });
  return out.outputFiles[0]?.text ?? "";
}

async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function run(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", () => resolve({ stdout, stderr }));
  });
}

async function probe(file: string) {
  const { stdout } = await run("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name,width,height", "-of", "json", file]);
  return JSON.parse(stdout) as { format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] };
}

/** The RGB colour at the centre of each grid cell of the frame at `atSeconds`. */
async function cellColours(file: string, atSeconds: number, width: number, height: number, cells: number) {
  const frame = await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn("ffmpeg", ["-v", "error", "-ss", atSeconds.toFixed(2), "-i", file, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
    child.stdout.on("data", (c: Buffer) => chunks.push(c));
    child.once("close", () => resolve(Buffer.concat(chunks)));
  });
  expect(frame.length).toBe(width * height * 3);
  const columns = width / CELL.width;
  return Array.from({ length: cells }, (_, i) => {
    const x = (i % columns) * CELL.width + CELL.width / 2;
    const y = Math.floor(i / columns) * CELL.height + CELL.height / 2;
    const at = (y * width + x) * 3;
    return [frame[at]!, frame[at + 1]!, frame[at + 2]!] as const;
  });
}

/** Whether `actual` is closest to `expected` among everyone's colours and black (encoding shifts colours a little). */
function near(actual: readonly number[], expected: readonly number[]): boolean {
  const distance = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0);
  const palette = [[0, 0, 0], SCREEN, ...PEOPLE.map((p) => p.colour)];
  const closest = palette.reduce((best, c) => (distance(actual, c) < distance(actual, best) ? c : best));
  return closest.every((v, i) => v === expected[i]) && distance(actual, expected) < 60 ** 2 * 3;
}

const skip = currentNamespaceIceInterface() === null;

describe.skipIf(skip)("recording a call through Janus (real signaling, Janus, Chromium, janus-pp-rec, ffmpeg)", () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    recordingsDir = await mkdtemp(join(tmpdir(), "parley-recordings-"));
    janus = await startJanus({ debugLevel: 3 });
    const script = await bundlePage();
    pageServer = createServer((_req, res) => {
      if (_req.url === "/page.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
      res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><title>recording</title><script src="/page.js"></script>');
    });
    await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
    pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_TEST_FLAGS, "--autoplay-policy=no-user-gesture-required"] });
    const node = { id: "janus-1", url: janus.wsUrl, adminUrl: janus.adminUrl, apiSecret: janus.secrets.apiSecret, adminSecret: janus.secrets.adminSecret, roomAdminKey: janus.secrets.roomAdminKey };
    // Always the SFU (meshMax 0): everyone already publishes when recording starts, so its length is the recorded span.
    h = await startHarness(inject("databaseUrl"), { sfu: { nodes: [node], meshMax: 0, probeIntervalMs: 1_000 }, corsOrigins: [new URL(pageUrl).origin], recordingsDir });
  }, 90_000);

  afterAll(async () => {
    await page?.close().catch(() => undefined);
    await h?.close();
    await browser?.close();
    await new Promise((resolve) => pageServer?.close(resolve));
    await janus?.stop();
    if (recordingsDir) await rm(recordingsDir, { recursive: true, force: true });
  });

  it("records every publisher (one joining, one sharing a screen while it runs) into RECORDINGS_DIR/<id>, stops on stop, and composes one MP4 of them", async () => {
    const { id: meetingId, host } = await h.createMeeting();
    const people: Person[] = [host, h.guest("Bert"), h.guest("Cleo")];
    page = await browser.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") console.warn("[page]", m.text());
    });
    await page.exposeFunction("parleyToken", (id: string, index: number) => h.token(id, people[index] as Person));
    await page.goto(pageUrl);
    const joinCall = (index: number) =>
      page.evaluate(([url, m, i, p]) => parleyRecordingTest.join(url, m, i, p), [h.url, meetingId, index, PEOPLE[index]!] as const);
    const ids = [await joinCall(0), await joinCall(1)];
    // Both publish through Janus (each sees the other's camera) before recording starts.
    const flowing = await waitFor(() => page.evaluate(() => parleyRecordingTest.cameraFrames(0)), (f) => (f[ids[1]!] ?? 0) > 10);
    expect(flowing[ids[1]!] ?? 0).toBeGreaterThan(10);

    // A guest is refused; the host starts.
    expect(await page.evaluate((m) => parleyRecordingTest.record(1, m, true), meetingId)).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const startSent = Date.now();
    const started = await page.evaluate((m) => parleyRecordingTest.record(0, m, true), meetingId);
    const startAcked = Date.now();
    expect(started).toMatchObject({ ok: true });
    const recordingId = started.data!.recordingId!;
    const dir = join(recordingsDir, recordingId);

    // The third person joins while recording: Janus records them from their first packet.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    ids.push(await joinCall(2));
    await waitFor(() => page.evaluate(() => parleyRecordingTest.cameraFrames(0)), (f) => (f[ids[2]!] ?? 0) > 10);
    // Bert shares a screen: a new m-line of the same publisher, recorded as the screen (its description).
    await page.evaluate(() => parleyRecordingTest.share(1));
    await waitFor(() => page.evaluate(() => parleyRecordingTest.screenFrames(0)), (f) => (f[ids[1]!] ?? 0) > 10);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, RECORD_MS - (Date.now() - startAcked))));

    const stopSent = Date.now();
    expect(await page.evaluate((m) => parleyRecordingTest.record(0, m, false), meetingId)).toMatchObject({ ok: true, data: { recordingId: null } });
    const stopAcked = Date.now();
    const recordedSeconds = ((stopSent + stopAcked) / 2 - (startSent + startAcked) / 2) / 1000;
    // ± 1 s around the midpoints, widened by half of each request's round trip: the true span lies in between.
    const tolerance = 1 + (stopAcked - stopSent + startAcked - startSent) / 2 / 1000;
    expect(await h.db.recordings.findById(recordingId)).toMatchObject({ state: "PROCESSING" });

    // Per-publisher files: audio and video of each of the three people (Bert's screen too), under their session names.
    const files = (await readdir(dir)).filter((n) => n.endsWith(".mjr"));
    for (const id of ids) {
      const own = files.filter((n) => n.startsWith(`${id.replace(/[^A-Za-z0-9-]/g, "")}_`));
      expect(own.some((n) => /-publisher-audio-\d+\.mjr$/.test(n)), `${id}: ${files.join(" ")}`).toBe(true);
      expect(own.some((n) => /-publisher-video-\d+\.mjr$/.test(n)), `${id}: ${files.join(" ")}`).toBe(true);
    }
    // Stopped means stopped: the call goes on, the files do not grow.
    const sizes = async () => Promise.all(files.map(async (n) => (await stat(join(dir, n))).size));
    const before = await sizes();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await sizes()).toEqual(before);

    const progress: number[] = [];
    const store = {
      ...h.db.recordings,
      reportProgress: (id: string, percent: number) => {
        progress.push(percent);
        return h.db.recordings.reportProgress(id, percent);
      },
    };
    const result = await processRecording({ recordingId, recordingsDir, store, progressEveryMs: 0 });
    expect(result.outcome).toBe("ready");
    const ready = await h.db.recordings.findById(recordingId);
    expect(ready).toMatchObject({ state: "READY", progress: 100, fileName: `${recordingId}.mp4` });
    const output = join(recordingsDir, ready!.fileName!);
    expect(Number(ready!.sizeBytes)).toBe((await stat(output)).size);
    expect(Math.abs(ready!.durationMs! / 1000 - recordedSeconds)).toBeLessThanOrEqual(tolerance);
    expect(progress.length).toBeGreaterThan(0);

    const info = await probe(output);
    expect(Math.abs(Number(info.format.duration) - recordedSeconds), `file ${info.format.duration} s, recorded ${recordedSeconds} s`).toBeLessThanOrEqual(tolerance);
    // Three cameras and a screen share: a 2×2 grid of 640×360 cells.
    expect(info.streams.find((s) => s.codec_type === "video")).toMatchObject({ codec_name: "h264", width: 2 * CELL.width, height: 2 * CELL.height });
    expect(info.streams.find((s) => s.codec_type === "audio")?.codec_name).toBe("aac");
    // Near the end each tile shows its person's colour (cameras in order of arrival, the late joiner last; then
    // the screen share).
    const colours = await cellColours(output, Number(info.format.duration) - 1.5, 2 * CELL.width, 2 * CELL.height, 4);
    expect(result.outcome === "ready" && result.composed.tiles.map((t) => t.source)).toEqual(["camera", "camera", "camera", "screen"]);
    if (result.outcome === "ready") {
      result.composed.tiles.forEach((tile, i) => {
        const person = ids.findIndex((id) => tile.key.startsWith(`${id}_`));
        expect(person, tile.key).toBeGreaterThanOrEqual(0);
        const expected = tile.source === "screen" ? SCREEN : PEOPLE[person]!.colour;
        expect(near(colours[i]!, expected), `tile ${i} (${tile.key} ${tile.source}): ${colours[i]!.join(",")}`).toBe(true);
      });
      expect(result.composed.tiles[2]?.key.startsWith(`${ids[2]}_`)).toBe(true);
      expect(result.composed.tiles[3]?.key.startsWith(`${ids[1]}_`)).toBe(true);
    }
    const volume = /max_volume: (-?[\d.]+) dB/.exec((await run("ffmpeg", ["-hide_banner", "-nostats", "-i", output, "-map", "0:a", "-af", "volumedetect", "-f", "null", "-"])).stderr);
    expect(Number(volume?.[1] ?? "-inf")).toBeGreaterThan(-20);
    // The raw files are gone once the MP4 is complete.
    expect((await readdir(recordingsDir)).sort()).toEqual([`${recordingId}.mp4`]);
    expect(await page.evaluate(() => parleyRecordingTest.errors)).toEqual([]);
  });
  // One retry: Janus killed and restarted beside three Chromium pages and a loaded CI machine failed once in five local
  // runs (cause not caught); every assertion still has to hold in one run.
  it("keeps recording across a Janus crash: both parts of each person end up in order in one tile, READY", { retry: 1 }, async () => {
    const { id: meetingId, host } = await h.createMeeting();
    const people: Person[] = [host, h.guest("Bert")];
    const crashPage = await browser.newPage();
    try {
      await crashPage.exposeFunction("parleyToken", (id: string, index: number) => h.token(id, people[index] as Person));
      await crashPage.goto(pageUrl);
      const joinCall = (index: number) =>
        crashPage.evaluate(([url, m, i, p]) => parleyRecordingTest.join(url, m, i, p), [h.url, meetingId, index, PEOPLE[index]!] as const);
      const ids = [await joinCall(0), await joinCall(1)];
      await waitFor(() => crashPage.evaluate(() => parleyRecordingTest.cameraFrames(0)), (f) => (f[ids[1]!] ?? 0) > 10);

      const startSent = Date.now();
      const started = await crashPage.evaluate((m) => parleyRecordingTest.record(0, m, true), meetingId);
      const startAcked = Date.now();
      expect(started).toMatchObject({ ok: true });
      const recordingId = started.data!.recordingId!;
      const dir = join(recordingsDir, recordingId);
      await new Promise((resolve) => setTimeout(resolve, PART_MS));

      // Janus dies (SIGKILL) and comes back on the same address: signaling recreates the recording room, the
      // clients publish again by themselves under new session names, and Janus records them into the same directory.
      await janus.restart();
      const sessionsOf = async (id: string) => {
        const videos = (await readdir(dir)).filter((n) => n.startsWith(`${id.replace(/[^A-Za-z0-9-]/g, "")}_`) && /-video-\d+\.mjr$/.test(n));
        // A session counts once Janus has written media to it (a file opened but never written holds only a header).
        const sized = await Promise.all(videos.map(async (n) => ((await stat(join(dir, n))).size > 4_096 ? n.split("-publisher-")[0] : null)));
        return new Set(sized.filter(Boolean)).size;
      };
      const sessions = await waitFor(() => Promise.all(ids.map(sessionsOf)), (n) => n.every((count) => count >= 2), 30_000);
      const sizes = async () => (await Promise.all((await readdir(dir)).map(async (n) => `${n} ${(await stat(join(dir, n))).size}`))).join("\n");
      expect(sessions, await sizes()).toEqual([2, 2]);
      await new Promise((resolve) => setTimeout(resolve, PART_MS));

      const stopSent = Date.now();
      expect(await crashPage.evaluate((m) => parleyRecordingTest.record(0, m, false), meetingId)).toMatchObject({ ok: true });
      const stopAcked = Date.now();
      const recordedSeconds = ((stopAcked + stopSent) / 2 - (startSent + startAcked) / 2) / 1000;
      const tolerance = 1 + (stopAcked - stopSent + startAcked - startSent) / 2 / 1000;
      const result = await processRecording({ recordingId, recordingsDir, store: h.db.recordings });
      expect(result.outcome).toBe("ready");
      expect(await h.db.recordings.findById(recordingId)).toMatchObject({ state: "READY" });
      if (result.outcome !== "ready") return;
      const output = join(recordingsDir, result.fileName);

      // One tile per person, not per part: a 2×1 grid, each tile with both parts in order. Tiles follow the order in
      // which cameras first arrived, and these two publish at the same moment: either person may come first.
      const { tiles } = result.composed;
      const personOfTile = tiles.map((t) => ids.findIndex((id) => t.key.startsWith(`${id}_`)));
      expect(tiles.map((t, i) => [personOfTile[i], t.source, t.parts.length]).sort()).toEqual([
        [0, "camera", 2],
        [1, "camera", 2],
      ]);
      const info = await probe(output);
      expect(info.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 2 * CELL.width, height: CELL.height });
      const duration = Number(info.format.duration);
      expect(Math.abs(duration - recordedSeconds), `file ${duration} s, recorded ${recordedSeconds} s`).toBeLessThanOrEqual(tolerance);
      const firstEnds = Math.min(...tiles.map((t) => t.parts[0]!.offsetMs + t.parts[0]!.durationMs)) / 1000;
      const secondStarts = Math.max(...tiles.map((t) => t.parts[1]!.offsetMs)) / 1000;
      expect(secondStarts).toBeGreaterThan(firstEnds - 0.5);
      // Each person's colour in frames from both parts.
      for (const [label, seconds] of [["part one", Math.min(2, firstEnds - 1)], ["part two", duration - 1.5]] as const) {
        const colours = await cellColours(output, seconds, 2 * CELL.width, CELL.height, 2);
        colours.forEach((c, i) => expect(near(c, PEOPLE[personOfTile[i]!]!.colour), `${label} at ${seconds.toFixed(2)} s, tile ${i}: ${c.join(",")}`).toBe(true));
      }
    } finally {
      await crashPage.close();
    }
  });
});
