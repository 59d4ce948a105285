import { execFile } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

/**
 * A tiny server for the real-browser test and the bench: the harness page, and the effect files written by
 * bin/write-assets.mjs (the same script the web app runs), under a Content-Security-Policy shaped like the app's
 * page policy (nonce + 'strict-dynamic', wasm allowed, workers from self only, fetches to self only).
 */
const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".tflite": "application/octet-stream",
  ".jpg": "image/jpeg",
  ".md": "text/markdown",
};
const NONCE = "dGVzdC1ub25jZQ==";
export const TEST_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'nonce-${NONCE}' 'strict-dynamic' 'wasm-unsafe-eval'`,
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "media-src 'self' blob: mediastream:",
  "worker-src 'self' blob:",
  "object-src 'none'",
].join("; ");

/** `requested`: every path asked of the server, workers' and worklets' fetches included (the browser's network log misses those). */
export type EffectsServer = { readonly url: string; readonly requested: readonly string[]; close(): Promise<void> };

export async function startEffectsServer(): Promise<EffectsServer> {
  const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
  const assets = await mkdtemp(join(tmpdir(), "parley-effects-"));
  await promisify(execFile)(process.execPath, [join(packageRoot, "bin", "write-assets.mjs"), assets]);
  const bundle = await build({
    entryPoints: [join(packageRoot, "src", "testing", "harness.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    write: false,
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requested.push(path);
    res.setHeader("content-security-policy", TEST_POLICY);
    if (path === "/harness.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
    if (path.startsWith("/effects/")) {
      const file = normalize(path.slice("/effects/".length));
      if (file.startsWith("..")) return void res.writeHead(404).end();
      readFile(join(assets, file)).then(
        (body) => res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body),
        () => res.writeHead(404).end(),
      );
      return;
    }
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(`<!doctype html><title>effects</title><script nonce="${NONCE}" src="/harness.js"></script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A 48 kHz mono WAV for Chromium's fake microphone: speech-like bursts (a 180 Hz voice with harmonics, syllable
 * rhythm, 0.6 s on / 0.6 s off) over steady pink noise at about -30 dBFS.
 */
export async function writeNoisySpeechWav(directory: string): Promise<string> {
  const file = join(directory, "noisy-speech.wav");
  const voice =
    "aevalsrc='(0.25*sin(2*PI*180*t)+0.12*sin(2*PI*360*t)+0.08*sin(2*PI*540*t)+0.05*sin(2*PI*900*t))" +
    "*(0.6+0.4*sin(2*PI*4*t))*lt(mod(t,1.2),0.6)':s=48000:d=12";
  await promisify(execFile)("ffmpeg", [
    "-v", "error", "-y",
    "-f", "lavfi", "-i", voice,
    "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.06:sample_rate=48000:duration=12:seed=3",
    "-filter_complex", "amix=inputs=2:normalize=0",
    "-ac", "1", "-ar", "48000", "-c:a", "pcm_s16le", file,
  ]);
  return file;
}
