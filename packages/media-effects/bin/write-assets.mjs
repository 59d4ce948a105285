#!/usr/bin/env node
/**
 * Writes everything the media effects load at run time into one folder the web app serves from its own origin
 * (apps/web runs it into public/effects/ before `next dev` / `next build`): the segmentation model, a TFLite
 * wasm runtime, the RNNoise worklet + wasm, the bundled background images, and our worker bundled with esbuild.
 * Usage: parley-media-effects-assets <target-dir>
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const target = process.argv[2];
if (!target) {
  console.error("usage: parley-media-effects-assets <target-dir>");
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
// Through each package's exports map (the Twilio package has none, so its files resolve by path).
const twilioBuild = join(dirname(require.resolve("@twilio/video-processors/package.json")), "dist", "build");
const copies = [
  [join(twilioBuild, "selfie_segmentation_landscape.tflite"), "selfie_segmentation_landscape.tflite"],
  [join(twilioBuild, "tflite-simd-1-0-0.js"), "tflite-simd.js"],
  [join(twilioBuild, "tflite-simd-1-0-0.wasm"), "tflite-simd.wasm"],
  [require.resolve("@sapphi-red/web-noise-suppressor/rnnoiseWorklet.js"), "rnnoise-worklet.js"],
  [require.resolve("@sapphi-red/web-noise-suppressor/rnnoise.wasm"), "rnnoise.wasm"],
  [require.resolve("@sapphi-red/web-noise-suppressor/rnnoise_simd.wasm"), "rnnoise_simd.wasm"],
  [join(root, "backgrounds", "aurora.jpg"), "backgrounds/aurora.jpg"],
  [join(root, "backgrounds", "fractal.jpg"), "backgrounds/fractal.jpg"],
];

await mkdir(join(target, "backgrounds"), { recursive: true });
for (const [from, to] of copies) await copyFile(from, join(target, to));
const worker = await build({
  entryPoints: [join(root, "src", "video", "background-worker.ts")],
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "chrome120",
  minify: true,
  write: false,
  legalComments: "eof",
});
await writeFile(join(target, "background-worker.js"), worker.outputFiles[0].contents);
const licences = await readFile(join(root, "ASSET-LICENSES.md"), "utf8");
await writeFile(join(target, "LICENSES.md"), licences);
process.stdout.write(`media effects: ${copies.length + 2} files in ${target}\n`);
