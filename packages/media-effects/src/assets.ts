/**
 * The files the effects load at run time, all served by our own app from one folder (no CDN: air-gapped hosts have
 * none). `bin/write-assets.mjs` copies them out of node_modules; the browser side builds URLs from the same names.
 */
export const EFFECT_ASSETS = {
  /** Person segmentation (MediaPipe selfie segmentation, 144×256 "landscape" variant, Apache-2.0). */
  segmentationModel: "selfie_segmentation_landscape.tflite",
  /** A small TensorFlow Lite runtime in wasm (SIMD, CPU only: no WebGL needed) that runs the model in our worker. */
  tfliteLoader: "tflite-simd.js",
  tfliteWasm: "tflite-simd.wasm",
  /** Our worker (segmentation + compositing), bundled from src/video/background-worker.ts. */
  backgroundWorker: "background-worker.js",
  /** RNNoise as an AudioWorklet (@sapphi-red/web-noise-suppressor, MIT; RNNoise BSD-3-Clause). */
  rnnoiseWorklet: "rnnoise-worklet.js",
  rnnoiseWasm: "rnnoise.wasm",
  rnnoiseSimdWasm: "rnnoise_simd.wasm",
} as const;

export type EffectAsset = keyof typeof EFFECT_ASSETS;

/** The bundled background images (made for Parley, see backgrounds/README.md). */
export const BACKGROUND_IMAGES = [
  { id: "aurora", file: "backgrounds/aurora.jpg" },
  { id: "fractal", file: "backgrounds/fractal.jpg" },
] as const;

export type BackgroundImageId = (typeof BACKGROUND_IMAGES)[number]["id"];

/** The URL of `asset` under `baseUrl` (e.g. "/effects/"); the base must end with a slash. */
export function assetUrl(baseUrl: string, file: string): string {
  if (!baseUrl.endsWith("/")) throw new TypeError(`The effects base URL must end with "/": ${baseUrl}`);
  return `${baseUrl}${file}`;
}
