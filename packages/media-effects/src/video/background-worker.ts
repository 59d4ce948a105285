import { Compositor } from "./compositor";
import type { BackgroundMode, FromWorker, ToWorker } from "./messages";
import { PersonSegmenter } from "./person-segmenter";

/**
 * The background effect off the main thread: camera frames arrive on a transferred ReadableStream (Chromium's
 * MediaStreamTrackProcessor), the person is segmented on the CPU (TFLite in wasm), the background is blurred
 * or replaced on OffscreenCanvases, and the result goes out on a transferred WritableStream (MediaStreamTrackGenerator).
 */
// NOTE: typed by hand; the "webworker" lib would clash with the DOM lib the rest of the package compiles with.
declare const self: { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null };

let segmenter: PersonSegmenter | null = null;
let mode: BackgroundMode = { kind: "none" };
let output: WritableStream<VideoFrame> | null = null;
/** Stops reading the current input (a new input or `unpipe`). */
let current: { readonly abort: AbortController; readonly done: Promise<void> } | null = null;
let inputs: Promise<void> = Promise.resolve();
const compositor = new Compositor();
const stats = { frames: 0, busyMs: 0, since: performance.now() };

function post(message: FromWorker): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === "init") void init(message.loaderUrl, message.wasmUrl, message.model);
  else if (message.type === "mode") setMode(message.mode);
  // Inputs change one at a time: the previous pipe must let go of the output before the next takes it.
  else if (message.type === "unpipe") inputs = inputs.then(unpipe);
  else inputs = inputs.then(() => pipe(message.readable, message.writable));
};

async function init(loaderUrl: string, wasmUrl: string, model: ArrayBuffer): Promise<void> {
  try {
    segmenter = await PersonSegmenter.load(loaderUrl, wasmUrl, model);
    post({ type: "ready" });
  } catch (error) {
    post({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }
}

function setMode(next: BackgroundMode): void {
  if (mode.kind === "image" && (next.kind !== "image" || next.image !== mode.image)) mode.image.close();
  mode = next;
}

async function unpipe(): Promise<void> {
  const previous = current;
  current = null;
  previous?.abort.abort();
  await previous?.done;
}

async function pipe(readable: ReadableStream<VideoFrame>, writable?: WritableStream<VideoFrame>): Promise<void> {
  await unpipe();
  if (writable) output = writable;
  if (!output) {
    post({ type: "error", message: "No output stream for the background effect" });
    return;
  }
  const abort = new AbortController();
  const transform = new TransformStream<VideoFrame, VideoFrame>({
    transform(frame, controller) {
      const started = performance.now();
      controller.enqueue(processFrame(frame));
      countFrame(performance.now() - started);
    },
  });
  // NOTE: keep the output open when an input ends or is replaced; the next input writes to the same track.
  const done = readable
    .pipeThrough(transform)
    .pipeTo(output, { signal: abort.signal, preventClose: true, preventAbort: true })
    .catch((error: unknown) => {
      if (!abort.signal.aborted) post({ type: "error", message: error instanceof Error ? error.message : String(error) });
    });
  current = { abort, done };
}

function processFrame(frame: VideoFrame): VideoFrame {
  if (mode.kind === "none" || !segmenter) return frame;
  const mask = segmenter.segment(frame);
  const canvas = compositor.compose(frame, mask.confidence, mask.width, mask.height, mode);
  const output = new VideoFrame(canvas, { timestamp: frame.timestamp, ...(frame.duration === null ? {} : { duration: frame.duration }) });
  frame.close();
  return output;
}

function countFrame(busyMs: number): void {
  stats.frames++;
  stats.busyMs += busyMs;
  const now = performance.now();
  const elapsed = now - stats.since;
  if (elapsed < 1000) return;
  post({ type: "stats", fps: (stats.frames * 1000) / elapsed, msPerFrame: stats.busyMs / stats.frames });
  stats.frames = 0;
  stats.busyMs = 0;
  stats.since = now;
}
