import { mkdtemp, readdir, rm } from "node:fs/promises";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startJanus, type JanusInstance } from "@parley/janus-harness";
import { composeRecording, type ComposedRecording } from "./compose";
import { CELL } from "./layout";
import { runProcess } from "./run-process";
import { JanusRecorderClient } from "./testing/janus-recorder";
import { PUBLISHER_SCRIPT, type PublisherSpec } from "./testing/publisher-page";

/**
 * Janus dying mid-recording: two Chromium publishers (red, blue) record into a real Janus VideoRoom, Janus is killed
 * (SIGKILL, as a crash) and started again on the same address, the room is created again with the same rec_dir (what
 * signaling does for a media room created while recording) and both publish again under new session names, as after
 * a failover. The composed file keeps both parts of each person, in order, in ONE tile per person. Runs inside the
 * network namespace (vitest.netns.config.ts).
 */
const PEOPLE = [
  { participant: "ada", spec: { colour: [220, 30, 30], width: 320, height: 240, toneHz: 440 } },
  { participant: "bert", spec: { colour: [30, 60, 220], width: 320, height: 240, toneHz: 660 } },
] satisfies { participant: string; spec: PublisherSpec }[];
const PART_MS = 4_000;

let janus: JanusInstance;
let browser: Browser;
let root: string;
let rawDir: string;
/** Wall-clock anchors: first media of part one, Janus killed, first media of part two, part two stopped. */
const at = { firstMedia: 0, killed: 0, secondMedia: 0, stopped: 0 };

/** Creates the recording room and publishes everyone under a fresh session name (`<participant>_<8 hex>-publisher`). */
async function publishPart(): Promise<{ client: JanusRecorderClient; pages: Page[]; stop: () => Promise<void>; firstMediaAt: number }> {
  const client = await JanusRecorderClient.connect(janus.wsUrl, janus.secrets.apiSecret);
  const room = `rec-${Date.now()}`;
  const admin = await client.videoroom();
  const created = await admin.request({ request: "create", room, admin_key: janus.secrets.roomAdminKey, publishers: 10, videocodec: "vp8", audiocodec: "opus", rec_dir: rawDir });
  if (created.videoroom !== "created") throw new Error(`room not created: ${JSON.stringify(created)}`);
  const pages: Page[] = [];
  const handles = await Promise.all(
    PEOPLE.map(async ({ participant, spec }) => {
      const page = await browser.newPage();
      pages.push(page);
      const handle = await client.videoroom();
      await handle.ask({ request: "join", ptype: "publisher", room, display: participant });
      await page.addScriptTag({ content: PUBLISHER_SCRIPT });
      const offer = (await page.evaluate(`window.parleyStartPublisher(${JSON.stringify(spec)})`)) as string;
      const filename = `${participant}_${randomBytes(4).toString("hex")}-publisher`;
      const { jsep } = await handle.ask({ request: "publish", record: true, filename }, { type: "offer", sdp: offer });
      if (!jsep) throw new Error("no answer from Janus");
      await page.evaluate(`window.parleyAcceptAnswer(${JSON.stringify(jsep.sdp)})`);
      await handle.waitEvent((m) => m.janus === "webrtcup", 15_000);
      return handle;
    }),
  );
  const firstMediaAt = Date.now();
  const stop = async () => {
    await Promise.all(handles.map((h) => h.request({ request: "unpublish" }).catch(() => undefined)));
    await admin.request({ request: "destroy", room, admin_key: janus.secrets.roomAdminKey }).catch(() => undefined);
  };
  return { client, pages, stop, firstMediaAt };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "parley-recording-failover-"));
  rawDir = join(root, "raw");
  await runProcess("mkdir", ["-p", rawDir]);
  janus = await startJanus();
  browser = await chromium.launch(await launchChromium({ extraArgs: ["--autoplay-policy=no-user-gesture-required"] }));

  const first = await publishPart();
  at.firstMedia = first.firstMediaAt;
  await sleep(PART_MS);
  at.killed = Date.now();
  // A crash: no unpublish, no clean close of the recordings; then the node comes back on the same address.
  await janus.restart();
  await first.client.close();
  for (const page of first.pages) await page.close();
  await sleep(1_500);

  const second = await publishPart();
  at.secondMedia = second.firstMediaAt;
  await sleep(PART_MS);
  await second.stop();
  at.stopped = Date.now();
  await second.client.close();
  for (const page of second.pages) await page.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await janus?.stop();
  await rm(root, { recursive: true, force: true });
});

/** The RGB colour at the centre of each cell of a one-row grid, in the frame at `atSeconds`. */
async function cellColours(file: string, atSeconds: number, cells: number) {
  const chunks: Buffer[] = [];
  const child = spawn("ffmpeg", ["-v", "error", "-ss", atSeconds.toFixed(2), "-i", file, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
  child.stdout.on("data", (c: Buffer) => chunks.push(c));
  await new Promise((resolve) => child.once("close", resolve));
  const frame = Buffer.concat(chunks);
  const width = cells * CELL.width;
  expect(frame.length).toBe(width * CELL.height * 3);
  return Array.from({ length: cells }, (_, i) => {
    const offset = ((CELL.height / 2) * width + i * CELL.width + CELL.width / 2) * 3;
    return [frame[offset]!, frame[offset + 1]!, frame[offset + 2]!] as const;
  });
}

const BLACK = [0, 0, 0] as const;
/** Whether `actual` is closest to `expected` among everyone's colours and black (encoding shifts colours a little). */
function near(actual: readonly number[], expected: readonly number[]): boolean {
  const distance = (a: readonly number[], b: readonly number[]) => a.reduce((sum, v, i) => sum + (v - b[i]!) ** 2, 0);
  const palette = [BLACK, ...PEOPLE.map((p) => p.spec.colour)];
  const closest = palette.reduce((best, c) => (distance(actual, c) < distance(actual, best) ? c : best));
  return closest.every((v, i) => v === expected[i]) && distance(actual, expected) < 60 ** 2 * 3;
}

async function maxVolumeDb(file: string, fromSeconds: number, seconds: number): Promise<number> {
  const result = await runProcess("ffmpeg", ["-hide_banner", "-nostats", "-ss", fromSeconds.toFixed(2), "-t", seconds.toFixed(2), "-i", file, "-map", "0:a", "-af", "volumedetect", "-f", "null", "-"]);
  const match = /max_volume: (-?[\d.]+) dB/.exec(result.stderrTail);
  return match ? Number(match[1]) : Number.NEGATIVE_INFINITY;
}

describe("a Janus node dying mid-recording", () => {
  it("keeps both parts of each person and composes them in order in one tile per person", async () => {
    // Two sessions per person, each with audio and video: the part before the crash is still on disk.
    const raw = (await readdir(rawDir)).filter((n) => n.endsWith(".mjr"));
    for (const { participant } of PEOPLE) {
      const sessions = new Set(raw.filter((n) => n.startsWith(`${participant}_`)).map((n) => n.split("-")[0]));
      expect(sessions.size, raw.join(" ")).toBe(2);
    }
    const output = join(root, "out", "meeting.mp4");
    const result: ComposedRecording = await composeRecording({ inputDir: rawDir, outputFile: output });

    // One tile per person (a 2×1 grid, not one cell per part), each showing its two parts in order. Tiles follow
    // the order in which cameras first arrived: either person may come first.
    expect(result.tiles.map((t) => [t.participant, t.source, t.parts.length]).sort()).toEqual([
      ["ada", "camera", 2],
      ["bert", "camera", 2],
    ]);
    expect([result.width, result.height]).toEqual([2 * CELL.width, CELL.height]);
    let out = "";
    await runProcess("ffprobe", ["-v", "error", "-show_entries", "format=duration:stream=codec_type,width,height", "-of", "json", output], { onStdout: (c) => (out += c) });
    const info = JSON.parse(out) as { format: { duration: string }; streams: { codec_type: string; width?: number; height?: number }[] };
    expect(info.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 2 * CELL.width, height: CELL.height });
    const duration = Number(info.format.duration);
    // The file covers both parts and the gap between them.
    const expectedSeconds = (at.stopped - at.firstMedia) / 1000;
    expect(Math.abs(duration - expectedSeconds), `file ${duration} s, recorded ${expectedSeconds} s`).toBeLessThanOrEqual(1);

    const ada = result.tiles.find((t) => t.participant === "ada");
    const firstEnds = (ada!.parts[0]!.offsetMs + ada!.parts[0]!.durationMs) / 1000;
    const secondStarts = Math.max(...result.tiles.map((t) => t.parts[1]!.offsetMs)) / 1000;
    expect(secondStarts - firstEnds, `part one ends at ${firstEnds} s, part two starts at ${secondStarts} s`).toBeGreaterThan(1);
    expect(Math.abs(secondStarts - (at.secondMedia - at.firstMedia) / 1000)).toBeLessThanOrEqual(1.5);

    const colour = (tile: number) => PEOPLE.find((p) => p.participant === result.tiles[tile]!.participant)!.spec.colour;
    const during = async (label: string, seconds: number, expected: (tile: number) => readonly number[]) => {
      const cells = await cellColours(output, seconds, 2);
      cells.forEach((c, i) => expect(near(c, expected(i)), `${label} at ${seconds.toFixed(2)} s, tile ${i}: ${c.join(",")}`).toBe(true));
    };
    await during("part one", Math.min(2, firstEnds - 1), colour);
    await during("the gap", (firstEnds + secondStarts) / 2, () => BLACK);
    await during("part two", duration - 1.5, colour);
    // Both parts are heard.
    expect(await maxVolumeDb(output, 0.5, firstEnds - 1)).toBeGreaterThan(-20);
    expect(await maxVolumeDb(output, secondStarts + 0.5, duration - secondStarts - 1)).toBeGreaterThan(-20);
  });
});
