/** What the page and the background worker say to each other (postMessage; both sides are ours). */
export type BackgroundMode =
  | { readonly kind: "none" }
  | { readonly kind: "blur" }
  /** `image` is decoded on the page (workers cannot decode every format) and transferred. */
  | { readonly kind: "image"; readonly image: ImageBitmap };

export type ToWorker =
  | {
      readonly type: "init";
      readonly loaderUrl: string;
      readonly wasmUrl: string;
      readonly model: ArrayBuffer;
    }
  /**
   * A new input: frames in on `readable`, out on `writable` (both transferred). `writable` comes only with the first
   * input or a new output track; later inputs keep writing to the one the worker has.
   */
  | { readonly type: "pipe"; readonly readable: ReadableStream<VideoFrame>; readonly writable?: WritableStream<VideoFrame> }
  /** The input went away: stop reading it (the output stays open for the next input). */
  | { readonly type: "unpipe" }
  | { readonly type: "mode"; readonly mode: BackgroundMode };

export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "error"; readonly message: string }
  /** Once a second while frames flow: frames out and the mean milliseconds spent per frame in the worker. */
  | { readonly type: "stats"; readonly fps: number; readonly msPerFrame: number };
