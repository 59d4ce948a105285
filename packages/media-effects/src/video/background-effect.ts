import { assetUrl, EFFECT_ASSETS } from "../assets";
import { fetchWithProgress } from "../fetch-with-progress";
import { backgroundEffectSupport } from "../support";
import { EffectError, type LoadProgress, type TrackProcessor } from "../track-processor";
import { videoFrames, videoTrackGenerator, type VideoTrackGenerator } from "./insertable-streams";
import type { FromWorker, ToWorker } from "./messages";

/** What the background shows. `image` is a URL on our own origin (one of BACKGROUND_IMAGES, or an uploaded blob:). */
export type BackgroundChoice = { readonly kind: "none" } | { readonly kind: "blur" } | { readonly kind: "image"; readonly url: string };

export interface BackgroundEffectOptions {
  /** Where the effect files are served, ending in "/" (the web app serves them at "/effects/"). */
  readonly assetsUrl: string;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Frames per second and worker milliseconds per frame, once a second while frames flow. */
  readonly onStats?: (stats: { fps: number; msPerFrame: number }) => void;
  /** A failure after loading (the pipeline stopped). */
  readonly onError?: (error: EffectError) => void;
}

/**
 * Background blur / replacement as a `TrackProcessor`: frames travel to a worker through Chromium's insertable
 * streams and come back on one generated track, which stays the same across device switches.
 */
export class BackgroundEffect implements TrackProcessor {
  readonly #worker: Worker;
  #output: VideoTrackGenerator | null = null;
  #disposed = false;

  private constructor(worker: Worker, options: BackgroundEffectOptions) {
    this.#worker = worker;
    worker.addEventListener("message", (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === "stats") options.onStats?.({ fps: message.fps, msPerFrame: message.msPerFrame });
      else if (message.type === "error") options.onError?.(new EffectError("runtime", message.message));
    });
  }

  /** Start the worker and load the model and runtime from `assetsUrl` (progress over both downloads). */
  static async load(options: BackgroundEffectOptions): Promise<BackgroundEffect> {
    const support = backgroundEffectSupport();
    if (!support.supported) throw new EffectError("unsupported", `Background effects need ${support.reason}`);
    const base = options.assetsUrl;
    const worker = new Worker(assetUrl(base, EFFECT_ASSETS.backgroundWorker), { name: "parley-background-effect" });
    try {
      const progress = new Map<string, LoadProgress>();
      const report = (file: string) => (p: LoadProgress) => {
        progress.set(file, p);
        const all = [...progress.values()];
        const known = all.every((x) => x.total !== null);
        options.onProgress?.({ loaded: sum(all.map((x) => x.loaded)), total: known ? sum(all.map((x) => x.total ?? 0)) : null });
      };
      // NOTE: the wasm is fetched here first only to show progress; the worker's own fetch then revalidates it (304).
      const [model] = await Promise.all([
        fetchWithProgress(assetUrl(base, EFFECT_ASSETS.segmentationModel), report("model")),
        fetchWithProgress(assetUrl(base, EFFECT_ASSETS.tfliteWasm), report("wasm")),
      ]);
      await initialise(
        worker,
        {
          type: "init",
          loaderUrl: absolute(assetUrl(base, EFFECT_ASSETS.tfliteLoader)),
          wasmUrl: absolute(assetUrl(base, EFFECT_ASSETS.tfliteWasm)),
          model,
        },
        [model],
      );
    } catch (error) {
      worker.terminate();
      throw error instanceof EffectError ? error : new EffectError("load_failed", "The background effect could not be loaded", { cause: error });
    }
    return new BackgroundEffect(worker, options);
  }

  /** Blur, an image, or nothing (frames pass through untouched; the cheapest way to keep the same output track). */
  async setBackground(choice: BackgroundChoice): Promise<void> {
    this.#assertOpen();
    if (choice.kind !== "image") return this.#post({ type: "mode", mode: choice });
    const response = await fetch(choice.url);
    if (!response.ok) throw new EffectError("load_failed", `The background image could not be loaded (${response.status})`);
    const image = await createImageBitmap(await response.blob());
    this.#post({ type: "mode", mode: { kind: "image", image } }, [image]);
  }

  async process(input: MediaStreamTrack): Promise<MediaStreamTrack> {
    this.#assertOpen();
    if (input.kind !== "video") throw new TypeError("BackgroundEffect processes video tracks only");
    let output = this.#output;
    const transfer: Transferable[] = [];
    let writable: WritableStream<VideoFrame> | undefined;
    if (!output || output.readyState === "ended") {
      output = videoTrackGenerator();
      this.#output = output;
      writable = output.writable;
      transfer.push(output.writable as unknown as Transferable);
    }
    const readable = videoFrames(input);
    transfer.push(readable as unknown as Transferable);
    this.#post({ type: "pipe", readable, ...(writable ? { writable } : {}) }, transfer);
    return output;
  }

  release(): void {
    if (!this.#disposed) this.#post({ type: "unpipe" });
  }

  /** Stop the worker and the output track; safe to call twice. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#worker.terminate();
    this.#output?.stop();
    this.#output = null;
  }

  #post(message: ToWorker, transfer: Transferable[] = []): void {
    this.#worker.postMessage(message, transfer);
  }

  #assertOpen(): void {
    if (this.#disposed) throw new EffectError("runtime", "The background effect was disposed");
  }
}

function initialise(worker: Worker, message: ToWorker, transfer: Transferable[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === "ready") done(() => resolve());
      else if (event.data.type === "error") done(() => reject(new EffectError("load_failed", event.data.type === "error" ? event.data.message : "")));
    };
    const onError = (event: ErrorEvent) => done(() => reject(new EffectError("load_failed", event.message || "The effect worker failed to start")));
    const done = (settle: () => void) => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      settle();
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    worker.postMessage(message, transfer);
  });
}

/** Workers resolve relative URLs against their own script; hand them absolute ones. */
function absolute(url: string): string {
  return new URL(url, globalThis.location?.href).href;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
