import { describe, expect, it } from "vitest";
import { assetUrl } from "./assets";
import { backgroundEffectSupport, noiseSuppressionSupport } from "./support";

class Fn {}
const chromium = {
  Worker: Fn,
  WebAssembly: {},
  OffscreenCanvas: Fn,
  MediaStreamTrackProcessor: Fn,
  MediaStreamTrackGenerator: Fn,
  AudioContext: Fn,
  AudioWorkletNode: Fn,
};

describe("backgroundEffectSupport", () => {
  it("is supported with insertable streams, OffscreenCanvas, wasm and workers", () => {
    expect(backgroundEffectSupport(chromium)).toEqual({ supported: true });
  });

  it("names what is missing, insertable streams first for Firefox and Safari", () => {
    const { MediaStreamTrackProcessor: _p, MediaStreamTrackGenerator: _g, ...firefox } = chromium;
    expect(backgroundEffectSupport(firefox)).toEqual({ supported: false, reason: "no-insertable-streams" });
    expect(backgroundEffectSupport({ ...chromium, Worker: undefined })).toEqual({ supported: false, reason: "no-worker" });
    expect(backgroundEffectSupport({ ...chromium, WebAssembly: undefined })).toEqual({ supported: false, reason: "no-webassembly" });
    expect(backgroundEffectSupport({ ...chromium, OffscreenCanvas: undefined })).toEqual({ supported: false, reason: "no-offscreen-canvas" });
  });
});

describe("noiseSuppressionSupport", () => {
  it("needs an AudioWorklet and wasm", () => {
    expect(noiseSuppressionSupport(chromium)).toEqual({ supported: true });
    expect(noiseSuppressionSupport({ ...chromium, AudioWorkletNode: undefined })).toEqual({ supported: false, reason: "no-audio-worklet" });
    expect(noiseSuppressionSupport({ ...chromium, WebAssembly: undefined })).toEqual({ supported: false, reason: "no-webassembly" });
  });
});

describe("assetUrl", () => {
  it("joins a base folder and a file", () => {
    expect(assetUrl("/effects/", "rnnoise.wasm")).toBe("/effects/rnnoise.wasm");
  });

  it("refuses a base without a trailing slash (it would silently point at the wrong folder)", () => {
    expect(() => assetUrl("/effects", "rnnoise.wasm")).toThrow(TypeError);
  });
});
