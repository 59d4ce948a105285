/**
 * Content-Security-Policy of every response (set in src/proxy.ts; build files under `/_next/` get API_POLICY's
 * twin from next.config.ts, which cannot import app code at run time). Built per request from runtime
 * configuration: a self-hoster changes SIGNALING_PUBLIC_URL and restarts, no rebuild.
 */
export type PolicyInput = {
  /** Fresh per request; Next reads it back from the request's policy and puts it on its own scripts. */
  nonce: string;
  publicUrl: string;
  signalingUrl: string;
  /** `next dev` needs eval (React's error overlays); production never does. */
  dev: boolean;
};

/** HTML pages: scripts only with this response's nonce (and what they load), media from our own streams. */
export function pagePolicy({ nonce, publicUrl, signalingUrl, dev }: PolicyInput): string {
  const signaling = new URL(signalingUrl);
  // NOTE: CSP matches `https:` sources against https only; socket.io's WebSocket needs the wss: origin spelled out.
  const socketScheme = signaling.protocol === "https:" ? "wss:" : "ws:";
  const directives = [
    "default-src 'self'",
    // 'wasm-unsafe-eval': the call's effects compile WebAssembly (segmentation model runtime, RNNoise); no JS eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${signaling.origin} ${socketScheme}//${signaling.host}`,
    // Camera, microphone, screen and remote tracks play from MediaStreams (and blob: URLs in some browsers).
    "media-src 'self' blob: mediastream:",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (publicUrl.startsWith("https://")) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** API answers (JSON, .ics): nothing in them may run or be framed. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
