import { BackgroundEffect, NoiseSuppressor, type BackgroundChoice } from "../index";
import { backgroundEffectSupport, noiseSuppressionSupport } from "../support";
import { videoFrames } from "../video/insertable-streams";
import { drawScene, REGIONS, SCENE } from "./synthetic-person";

/**
 * Runs in real Chromium (bundled by the media test and the bench). Everything is measured here and returned as plain
 * numbers; the effect files come from the test server's /effects/ folder.
 */
type Box = { x: number; y: number; w: number; h: number };

const ASSETS = "/effects/";

function sceneTrack(animate: boolean): { track: MediaStreamTrack; stop: () => void } {
  const canvas = document.createElement("canvas");
  canvas.width = SCENE.width;
  canvas.height = SCENE.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d canvas");
  drawScene(ctx);
  const started = performance.now();
  const timer = animate ? setInterval(() => drawScene(ctx, (performance.now() - started) / 1000), 33) : undefined;
  // NOTE: a static canvas only emits frames when it is drawn; keep redrawing (same picture) so frames flow at ~30 fps.
  const keepAlive = animate ? undefined : setInterval(() => drawScene(ctx), 33);
  const track = canvas.captureStream(30).getVideoTracks()[0];
  if (!track) throw new Error("no canvas track");
  return {
    track,
    stop: () => {
      clearInterval(timer);
      clearInterval(keepAlive);
      track.stop();
    },
  };
}

async function grabFrame(track: MediaStreamTrack, skip = 5): Promise<ImageData> {
  const reader = videoFrames(track.clone()).getReader();
  try {
    for (let i = 0; ; i++) {
      const { value: frame } = await reader.read();
      if (!frame) throw new Error("the track ended");
      if (i < skip) {
        frame.close();
        continue;
      }
      const canvas = new OffscreenCanvas(frame.displayWidth, frame.displayHeight);
      const ctx = canvas.getContext("2d", { willReadFrequently: true });
      if (!ctx) throw new Error("no 2d canvas");
      ctx.drawImage(frame, 0, 0);
      frame.close();
      return ctx.getImageData(0, 0, canvas.width, canvas.height);
    }
  } finally {
    await reader.cancel();
  }
}

/** Mean absolute difference of the RGB channels inside `box`. */
function meanDiff(a: ImageData, b: ImageData, box: Box): number {
  let total = 0;
  let count = 0;
  for (let y = box.y; y < box.y + box.h; y++) {
    for (let x = box.x; x < box.x + box.w; x++) {
      const i = (y * a.width + x) * 4;
      for (let c = 0; c < 3; c++) total += Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0));
      count += 3;
    }
  }
  return total / count;
}

function reference(): ImageData {
  const canvas = new OffscreenCanvas(SCENE.width, SCENE.height);
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("no 2d canvas");
  drawScene(ctx);
  return ctx.getImageData(0, 0, SCENE.width, SCENE.height);
}

async function compareBackground(choice: BackgroundChoice) {
  const source = sceneTrack(false);
  const effect = await BackgroundEffect.load({ assetsUrl: ASSETS });
  try {
    await effect.setBackground(choice);
    const output = await effect.process(source.track);
    const frame = await grabFrame(output, 10);
    const original = reference();
    return {
      size: [frame.width, frame.height],
      person: meanDiff(frame, original, REGIONS.person),
      background: REGIONS.background.map((box) => meanDiff(frame, original, box)),
    };
  } finally {
    effect.dispose();
    source.stop();
  }
}

/** Frames per second and CPU milliseconds per frame in the worker, over `seconds`, with blur or pass-through. */
async function benchBackground(choice: BackgroundChoice, seconds: number) {
  const source = sceneTrack(true);
  const samples: { fps: number; msPerFrame: number }[] = [];
  const effect = await BackgroundEffect.load({ assetsUrl: ASSETS, onStats: (s) => samples.push(s) });
  try {
    await effect.setBackground(choice);
    const output = await effect.process(source.track);
    // Something must read the output, as a sender would; a muted <video> plays it.
    const video = document.createElement("video");
    video.muted = true;
    video.srcObject = new MediaStream([output]);
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    video.srcObject = null;
    const steady = samples.slice(2);
    const mean = (f: (s: { fps: number; msPerFrame: number }) => number) => steady.reduce((a, s) => a + f(s), 0) / Math.max(1, steady.length);
    return { fps: mean((s) => s.fps), msPerFrame: mean((s) => s.msPerFrame), samples: steady.length };
  } finally {
    effect.dispose();
    source.stop();
  }
}

/** RMS (dBFS) of `track` over `ms`, in 10 ms windows: the quietest 20 % of windows is the noise floor. */
async function levels(track: MediaStreamTrack, ms: number) {
  const context = new AudioContext({ sampleRate: 48_000 });
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const buffer = new Float32Array(analyser.fftSize);
  const windows: number[] = [];
  const until = performance.now() + ms;
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    analyser.getFloatTimeDomainData(buffer);
    let sum = 0;
    for (const v of buffer) sum += v * v;
    windows.push(Math.sqrt(sum / buffer.length));
  }
  await context.close();
  const sorted = [...windows].sort((a, b) => a - b);
  const db = (v: number) => 20 * Math.log10(Math.max(v, 1e-7));
  const quiet = sorted.slice(0, Math.max(1, Math.floor(sorted.length * 0.2)));
  const loud = sorted.slice(Math.floor(sorted.length * 0.9));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { noiseFloorDb: db(mean(quiet)), loudDb: db(mean(loud)), windows: windows.length };
}

async function microphone(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({
    // The browser's own processing off, so the comparison is RNNoise against nothing.
    audio: { noiseSuppression: false, echoCancellation: false, autoGainControl: false },
  });
  const track = stream.getAudioTracks()[0];
  if (!track) throw new Error("no microphone");
  return track;
}

async function compareNoise(ms: number) {
  const mic = await microphone();
  const suppressor = await NoiseSuppressor.load({ assetsUrl: ASSETS });
  try {
    const processed = await suppressor.process(mic);
    const [off, on] = await Promise.all([levels(mic, ms), levels(processed, ms)]);
    return { off, on };
  } finally {
    suppressor.dispose();
    mic.stop();
  }
}

/** NS CPU cost: the audio thread is not measurable from the page, so the bench reads the process's CPU time. */
async function runNoise(enabled: boolean, ms: number) {
  const mic = await microphone();
  const suppressor = enabled ? await NoiseSuppressor.load({ assetsUrl: ASSETS }) : null;
  try {
    const track = suppressor ? await suppressor.process(mic) : mic;
    return await levels(track, ms);
  } finally {
    suppressor?.dispose();
    mic.stop();
  }
}

Object.assign(globalThis, {
  effects: {
    support: () => ({ background: backgroundEffectSupport(), noise: noiseSuppressionSupport() }),
    compareBackground,
    benchBackground,
    compareNoise,
    runNoise,
  },
});
