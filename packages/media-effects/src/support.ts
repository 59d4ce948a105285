import type { Support } from "./track-processor";

/** The globals the checks read (injected in unit tests; `globalThis` in the browser). */
export type EffectGlobals = {
  readonly Worker?: unknown;
  readonly WebAssembly?: unknown;
  readonly OffscreenCanvas?: unknown;
  readonly MediaStreamTrackProcessor?: unknown;
  readonly MediaStreamTrackGenerator?: unknown;
  readonly AudioWorkletNode?: unknown;
  readonly AudioContext?: unknown;
};

/**
 * Whether background blur/replacement can run: Chromium's insertable streams (MediaStreamTrackProcessor/Generator)
 * to move frames into a worker, OffscreenCanvas and WebAssembly. Firefox and Safari lack the insertable streams today.
 */
export function backgroundEffectSupport(scope: EffectGlobals = globalThis): Support {
  if (typeof scope.Worker !== "function") return { supported: false, reason: "no-worker" };
  if (typeof scope.WebAssembly !== "object" || scope.WebAssembly === null) return { supported: false, reason: "no-webassembly" };
  if (typeof scope.MediaStreamTrackProcessor !== "function" || typeof scope.MediaStreamTrackGenerator !== "function") {
    return { supported: false, reason: "no-insertable-streams" };
  }
  if (typeof scope.OffscreenCanvas !== "function") return { supported: false, reason: "no-offscreen-canvas" };
  return { supported: true };
}

/** Whether RNNoise can run: an AudioWorklet and WebAssembly. */
export function noiseSuppressionSupport(scope: EffectGlobals = globalThis): Support {
  if (typeof scope.WebAssembly !== "object" || scope.WebAssembly === null) return { supported: false, reason: "no-webassembly" };
  if (typeof scope.AudioContext !== "function" || typeof scope.AudioWorkletNode !== "function") {
    return { supported: false, reason: "no-audio-worklet" };
  }
  return { supported: true };
}
