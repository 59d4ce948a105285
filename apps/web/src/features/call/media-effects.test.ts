import { EffectError, type BackgroundChoice, type BackgroundEffectOptions, type TrackProcessor } from "@parley/media-effects";
import { describe, expect, it } from "vitest";
import { MediaEffects, type MediaEffectsDeps } from "./media-effects";

/** LocalMedia's processor slots, recorded. */
function fakeMedia() {
  const calls: [string, TrackProcessor | null][] = [];
  return {
    calls,
    stopped: false,
    setVideoProcessor: async (p: TrackProcessor | null) => void calls.push(["video", p]),
    setAudioProcessor: async (p: TrackProcessor | null) => void calls.push(["audio", p]),
  };
}

function fakeProcessor() {
  const choices: BackgroundChoice[] = [];
  return {
    choices,
    disposed: false,
    process: async (t: MediaStreamTrack) => t,
    release: () => undefined,
    setBackground: async (choice: BackgroundChoice) => void choices.push(choice),
    dispose() {
      this.disposed = true;
    },
  };
}

function deps(overrides: Partial<MediaEffectsDeps> = {}): MediaEffectsDeps {
  return {
    backgroundSupport: { supported: true },
    noiseSupport: { supported: true },
    loadBackground: async () => fakeProcessor(),
    loadNoise: async () => fakeProcessor(),
    ...overrides,
  };
}

describe("MediaEffects", () => {
  it("where the browser cannot run them, says why and never touches the media", async () => {
    const media = fakeMedia();
    const effects = new MediaEffects(media, deps({ backgroundSupport: { supported: false, reason: "no-insertable-streams" }, noiseSupport: { supported: false, reason: "no-audio-worklet" } }));
    await effects.setBackground({ kind: "blur" });
    await effects.setNoiseSuppression(true);
    expect(effects.state.background).toMatchObject({ support: { supported: false, reason: "no-insertable-streams" }, status: "off" });
    expect(effects.state.noise).toMatchObject({ support: { supported: false, reason: "no-audio-worklet" }, enabled: false });
    expect(media.calls).toEqual([]);
  });

  it("loads the background effect once, reports progress, and sends the camera through it until 'none'", async () => {
    const media = fakeMedia();
    const effect = fakeProcessor();
    let loads = 0;
    const seen: string[] = [];
    const effects = new MediaEffects(
      media,
      deps({
        loadBackground: async (options: BackgroundEffectOptions) => {
          loads++;
          options.onProgress?.({ loaded: 50, total: 100 });
          return effect;
        },
      }),
    );
    effects.subscribe(() => seen.push(`${effects.state.background.status}:${effects.state.background.progress?.loaded ?? "-"}`));
    await effects.setBackground({ kind: "blur" });
    await effects.setBackground({ kind: "image", url: "/effects/backgrounds/aurora.jpg" });
    expect(loads).toBe(1);
    expect(seen).toContain("loading:50");
    expect(effects.state.background).toMatchObject({ status: "on", choice: { kind: "image" } });
    expect(effect.choices.map((c) => c.kind)).toEqual(["blur", "image"]);
    await effects.setBackground({ kind: "none" });
    expect(media.calls.map(([kind, p]) => [kind, p === effect])).toEqual([
      ["video", true],
      ["video", true],
      ["video", false],
    ]);
    expect(media.calls.at(-1)?.[1]).toBeNull();
  });

  it("a model that fails to load shows the error and leaves the camera unprocessed", async () => {
    const media = fakeMedia();
    const effects = new MediaEffects(media, deps({ loadBackground: async () => Promise.reject(new EffectError("load_failed", "404 for the model")) }));
    await effects.setBackground({ kind: "blur" });
    expect(effects.state.background).toMatchObject({ status: "error", choice: { kind: "none" }, error: { code: "load_failed", message: "404 for the model" } });
    expect(media.calls).toEqual([["video", null]]);
  });

  it("noise suppression on and off, and a failure turns the switch back off with the error", async () => {
    const media = fakeMedia();
    const ns = fakeProcessor();
    const effects = new MediaEffects(media, deps({ loadNoise: async () => ns }));
    await effects.setNoiseSuppression(true);
    expect(effects.state.noise).toMatchObject({ enabled: true, status: "on" });
    await effects.setNoiseSuppression(false);
    expect(media.calls).toEqual([
      ["audio", ns],
      ["audio", null],
    ]);

    const failing = new MediaEffects(fakeMedia(), deps({ loadNoise: async () => Promise.reject(new Error("no AudioWorklet")) }));
    await failing.setNoiseSuppression(true);
    expect(failing.state.noise).toMatchObject({ enabled: false, status: "error", error: { message: "no AudioWorklet" } });
  });

  it("dispose() puts the captured tracks back and frees the effects", async () => {
    const media = fakeMedia();
    const effect = fakeProcessor();
    const effects = new MediaEffects(media, deps({ loadBackground: async () => effect }));
    await effects.setBackground({ kind: "blur" });
    effects.dispose();
    effects.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(media.calls.slice(-2)).toEqual([
      ["video", null],
      ["audio", null],
    ]);
    expect(effect.disposed).toBe(true);
  });
});
