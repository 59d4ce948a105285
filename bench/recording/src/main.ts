// Recording cost: a 4-person, 60-second meeting recorded by Janus (CPU and memory of Janus, compared with the same
// meeting not recorded: the raw anchor), then composed by @parley/recording (wall time, CPU of janus-pp-rec + ffmpeg,
// peak ffmpeg memory, processing time ÷ meeting length). Run on a quiet machine: `pnpm --filter @parley/bench-recording bench`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { launchChromium, startJanus } from "@parley/janus-harness";
import { composeRecording } from "@parley/recording";
import { recordMeeting, type RecordedPublisher } from "@parley/recording/testing";
import { childrenNamed, cpuSeconds, finishedChildrenCpuSeconds, loadAverage, rssMb } from "./proc";

const print = (line: string) => process.stdout.write(`${line}\n`);
const MEETING_MS = Number(process.env.BENCH_MEETING_MS ?? 60_000);
const COLOURS: [number, number, number][] = [[220, 30, 30], [30, 200, 30], [30, 60, 220], [230, 220, 30]];
const PUBLISHERS: RecordedPublisher[] = COLOURS.map((colour, i) => ({
  key: `p${i + 1}`, source: "camera", colour, width: 640, height: 360, toneHz: 440 + 110 * i, joinAfterMs: 0,
}));

async function meeting(record: boolean) {
  const root = await mkdtemp(join(tmpdir(), "parley-bench-rec-"));
  const janus = await startJanus({ debugLevel: 3 });
  const browser = await chromium.launch(await launchChromium({ extraArgs: ["--autoplay-policy=no-user-gesture-required"] }));
  const pid = janus.pid!;
  let peakRss = 0;
  const sampler = setInterval(() => void rssMb(pid).then((mb) => (peakRss = Math.max(peakRss, mb)), () => undefined), 500);
  try {
    const cpuBefore = await cpuSeconds(pid);
    const started = Date.now();
    await recordMeeting({
      browser,
      janus: { wsUrl: janus.wsUrl, apiSecret: janus.secrets.apiSecret, roomAdminKey: janus.secrets.roomAdminKey },
      recDir: root,
      publishers: PUBLISHERS,
      recordMs: MEETING_MS,
      record,
    });
    const wall = (Date.now() - started) / 1000;
    const cores = (await cpuSeconds(pid)) - cpuBefore;
    return { root, janusCores: cores / wall, janusPeakRssMb: peakRss, wallSeconds: wall };
  } finally {
    clearInterval(sampler);
    await browser.close();
    await janus.stop();
    if (!record) await rm(root, { recursive: true, force: true });
  }
}

async function main() {
  print(`load average before: ${loadAverage()}`);
  const anchor = await meeting(false);
  const recorded = await meeting(true);
  let ffmpegPeakMb = 0;
  const sampler = setInterval(() => {
    void childrenNamed("ffmpeg").then(async (pids) => {
      for (const pid of pids) ffmpegPeakMb = Math.max(ffmpegPeakMb, await rssMb(pid).catch(() => 0));
    });
  }, 200);
  const childCpuBefore = await finishedChildrenCpuSeconds();
  const composeStarted = Date.now();
  const result = await composeRecording({ inputDir: recorded.root, outputFile: join(recorded.root, "out", "meeting.mp4") });
  const composeSeconds = (Date.now() - composeStarted) / 1000;
  clearInterval(sampler);
  const composeCpu = (await finishedChildrenCpuSeconds()) - childCpuBefore;
  await rm(recorded.root, { recursive: true, force: true });
  const meetingSeconds = result.durationMs / 1000;
  print(`anchor (same meeting, not recorded): Janus ${anchor.janusCores.toFixed(3)} cores, peak RSS ${anchor.janusPeakRssMb.toFixed(0)} MB`);
  print(`recording:   Janus ${recorded.janusCores.toFixed(3)} cores, peak RSS ${recorded.janusPeakRssMb.toFixed(0)} MB (Δ ${(recorded.janusCores - anchor.janusCores).toFixed(3)} cores)`);
  print(`composing:   ${composeSeconds.toFixed(1)} s wall for a ${meetingSeconds.toFixed(1)} s meeting (ratio ${(composeSeconds / meetingSeconds).toFixed(2)}), ${(composeCpu / composeSeconds).toFixed(2)} cores of janus-pp-rec + ffmpeg, ffmpeg peak RSS ${ffmpegPeakMb.toFixed(0)} MB, output ${(result.sizeBytes / 1e6).toFixed(1)} MB ${result.width}x${result.height}`);
  print(`load average after: ${loadAverage()}`);
}

await main();
