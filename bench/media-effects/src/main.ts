import { mkdtemp } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { startEffectsServer, writeNoisySpeechWav } from "@parley/media-effects/testing/effects-server";
import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";
import { chromium, type Page } from "playwright-core";
import { descendantsCpuSeconds, loadAverage } from "./process-tree";

/**
 * Media effects in Debian's Chromium (no GPU): CPU of the whole Chromium process tree (100 % = one core) while a
 * 640×360 30 fps canvas camera goes through the background worker with blur, beside the same pipeline passing frames
 * through untouched (the anchor); and while the fake microphone goes through RNNoise, beside the raw microphone.
 * Each scenario runs in a fresh page for SECONDS (default 15).
 */
const print = (line: string) => process.stdout.write(`${line}\n`);
const SECONDS = Number(process.env.SECONDS_PER_SCENARIO ?? 15);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

type Effects = {
  benchBackground(choice: { kind: "none" } | { kind: "blur" }, seconds: number): Promise<{ fps: number; msPerFrame: number; samples: number }>;
  runNoise(enabled: boolean, ms: number): Promise<{ noiseFloorDb: number; loudDb: number }>;
};
declare const effects: Effects;

const server = await startEffectsServer();
const wav = await writeNoisySpeechWav(await mkdtemp(join(tmpdir(), "parley-bench-effects-")));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [...CHROMIUM_TEST_FLAGS, `--use-file-for-fake-audio-capture=${wav}`, "--autoplay-policy=no-user-gesture-required"],
});

async function measure<T>(run: (page: Page) => Promise<T>): Promise<{ cpuPercent: number; result: T }> {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForTimeout(1000); // page start-up is not part of the scenario
  const cpuBefore = await descendantsCpuSeconds();
  const started = performance.now();
  const result = await run(page);
  const seconds = (performance.now() - started) / 1000;
  const cpuPercent = ((await descendantsCpuSeconds()) - cpuBefore) / seconds * 100;
  await page.close();
  return { cpuPercent, result };
}

const rows: string[][] = [];
const loadBefore = loadAverage();
try {
  for (const [name, choice] of [["video pass-through (anchor)", { kind: "none" }], ["video blur", { kind: "blur" }]] as const) {
    const { cpuPercent, result } = await measure((page) => page.evaluate(([c, s]) => effects.benchBackground(c, s), [choice, SECONDS] as const));
    rows.push([name, `${cpuPercent.toFixed(0)} %`, result.fps.toFixed(1), result.msPerFrame.toFixed(1)]);
  }
  for (const [name, enabled] of [["microphone raw (anchor)", false], ["microphone + RNNoise", true]] as const) {
    const { cpuPercent } = await measure((page) => page.evaluate(([e, ms]) => effects.runNoise(e, ms), [enabled, SECONDS * 1000] as const));
    rows.push([name, `${cpuPercent.toFixed(0)} %`, "", ""]);
  }
} finally {
  await browser.close();
  await server.close();
}

const header = ["scenario (Chromium, 640×360 @ 30 fps camera)", "Chromium CPU", "fps out", "worker ms/frame"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
print(`media effects bench: ${SECONDS} s per scenario, ${cpus().length} cores, load average before ${loadBefore}, after ${loadAverage()}`);
print(line(header));
print(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const row of rows) print(line(row));
