"use client";
import {
  BackgroundEffect,
  backgroundEffectSupport,
  EffectError,
  NoiseSuppressor,
  noiseSuppressionSupport,
  type BackgroundChoice,
  type BackgroundEffectOptions,
  type LoadProgress,
  type NoiseSuppressorOptions,
  type Support,
  type TrackProcessor,
} from "@parley/media-effects";
import type { LocalMedia } from "@parley/webrtc-client";
import { useEffect, useState, useSyncExternalStore } from "react";

/** Where the web app serves the effect files (written into public/effects/ by `pnpm effects:assets`). */
export const EFFECTS_ASSETS_URL = "/effects/";

export type EffectStatus = "off" | "loading" | "on" | "error";

export type MediaEffectsState = {
  readonly background: {
    readonly support: Support;
    readonly choice: BackgroundChoice;
    readonly status: EffectStatus;
    readonly progress: LoadProgress | null;
    readonly error: EffectError | null;
  };
  readonly noise: { readonly support: Support; readonly enabled: boolean; readonly status: EffectStatus; readonly error: EffectError | null };
};

type BackgroundLike = TrackProcessor & { setBackground(choice: BackgroundChoice): Promise<void>; dispose(): void };
type NoiseLike = TrackProcessor & { dispose(): void };

/** What MediaEffects uses from the browser (replaced in unit tests). */
export type MediaEffectsDeps = {
  readonly backgroundSupport: Support;
  readonly noiseSupport: Support;
  readonly loadBackground: (options: BackgroundEffectOptions) => Promise<BackgroundLike>;
  readonly loadNoise: (options: NoiseSuppressorOptions) => Promise<NoiseLike>;
};

function browserDeps(): MediaEffectsDeps {
  return {
    backgroundSupport: backgroundEffectSupport(),
    noiseSupport: noiseSuppressionSupport(),
    loadBackground: (options) => BackgroundEffect.load(options),
    loadNoise: (options) => NoiseSuppressor.load(options),
  };
}

/**
 * The background effect and noise suppression of one LocalMedia. Lives as long as the call (not as long as the
 * settings dialog that shows it), so closing the dialog keeps the blur on.
 */
export class MediaEffects {
  readonly #media: Pick<LocalMedia, "setVideoProcessor" | "setAudioProcessor" | "stopped">;
  readonly #deps: MediaEffectsDeps;
  readonly #listeners = new Set<() => void>();
  #background: BackgroundLike | null = null;
  #backgroundLoad: Promise<BackgroundLike> | null = null;
  #noise: NoiseLike | null = null;
  #disposed = false;
  #state: MediaEffectsState;

  constructor(media: Pick<LocalMedia, "setVideoProcessor" | "setAudioProcessor" | "stopped">, deps: MediaEffectsDeps = browserDeps()) {
    this.#media = media;
    this.#deps = deps;
    this.#state = {
      background: { support: deps.backgroundSupport, choice: { kind: "none" }, status: "off", progress: null, error: null },
      noise: { support: deps.noiseSupport, enabled: false, status: "off", error: null },
    };
  }

  get state(): MediaEffectsState {
    return this.#state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Blur, a background image, or none; loads the model on first use (progress in `state`). */
  async setBackground(choice: BackgroundChoice): Promise<void> {
    if (this.#disposed || !this.#state.background.support.supported) return;
    if (choice.kind === "none") {
      this.#setBackground({ choice, status: "off", error: null });
      await this.#media.setVideoProcessor(null).catch(() => undefined);
      return;
    }
    this.#setBackground({ choice, status: "loading", error: null });
    try {
      const effect = await this.#loadBackground();
      await effect.setBackground(choice);
      if (this.#disposed || this.#state.background.choice !== choice) return;
      await this.#media.setVideoProcessor(effect);
      this.#setBackground({ status: "on", progress: null });
    } catch (error) {
      if (this.#state.background.choice !== choice) return;
      this.#setBackground({ choice: { kind: "none" }, status: "error", error: asEffectError(error) });
      await this.#media.setVideoProcessor(null).catch(() => undefined);
    }
  }

  /** Noise suppression (RNNoise) on or off. */
  async setNoiseSuppression(enabled: boolean): Promise<void> {
    if (this.#disposed || !this.#state.noise.support.supported) return;
    if (!enabled) {
      this.#setNoise({ enabled, status: "off", error: null });
      await this.#media.setAudioProcessor(null).catch(() => undefined);
      return;
    }
    this.#setNoise({ enabled, status: "loading", error: null });
    try {
      this.#noise ??= await this.#deps.loadNoise({ assetsUrl: EFFECTS_ASSETS_URL });
      if (this.#disposed || !this.#state.noise.enabled) return;
      await this.#media.setAudioProcessor(this.#noise);
      this.#setNoise({ status: "on" });
    } catch (error) {
      this.#setNoise({ enabled: false, status: "error", error: asEffectError(error) });
    }
  }

  /** Stop sending processed tracks and free the worker, worklet and model; safe to call twice. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    if (!this.#media.stopped) {
      void this.#media.setVideoProcessor(null).catch(() => undefined);
      void this.#media.setAudioProcessor(null).catch(() => undefined);
    }
    // NOTE: after the captured tracks are back on the connections (setXProcessor awaits nothing then).
    queueMicrotask(() => {
      this.#background?.dispose();
      void this.#backgroundLoad?.then((effect) => effect.dispose(), () => undefined);
      this.#noise?.dispose();
    });
    this.#listeners.clear();
  }

  #loadBackground(): Promise<BackgroundLike> {
    this.#backgroundLoad ??= this.#deps.loadBackground({
      assetsUrl: EFFECTS_ASSETS_URL,
      onProgress: (progress) => this.#setBackground({ progress }),
      onError: (error) => {
        this.#setBackground({ choice: { kind: "none" }, status: "error", error });
        void this.#media.setVideoProcessor(null).catch(() => undefined);
      },
    }).then(
      (effect) => (this.#background = effect),
      (error: unknown) => {
        this.#backgroundLoad = null; // a later try may work (e.g. the network came back)
        throw error;
      },
    );
    return this.#backgroundLoad;
  }

  #setBackground(patch: Partial<MediaEffectsState["background"]>): void {
    this.#update({ ...this.#state, background: { ...this.#state.background, ...patch } });
  }

  #setNoise(patch: Partial<MediaEffectsState["noise"]>): void {
    this.#update({ ...this.#state, noise: { ...this.#state.noise, ...patch } });
  }

  #update(next: MediaEffectsState): void {
    this.#state = next;
    for (const listener of this.#listeners) listener();
  }
}

function asEffectError(error: unknown): EffectError {
  return error instanceof EffectError ? error : new EffectError("runtime", error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * The call's effects for `media` (null before the media exists). Noise suppression starts on where it runs:
 * call this inside the call, after the user's Join click, because an AudioContext waits for a user gesture.
 */
export function useMediaEffects(media: LocalMedia | null, options: { noiseSuppressionByDefault?: boolean } = {}): MediaEffects | null {
  const [effects, setEffects] = useState<MediaEffects | null>(null);
  const noiseByDefault = options.noiseSuppressionByDefault ?? true;
  useEffect(() => {
    if (!media) return;
    const created = new MediaEffects(media);
    setEffects(created);
    if (noiseByDefault) void created.setNoiseSuppression(true);
    return () => {
      created.dispose();
      setEffects(null);
    };
  }, [media, noiseByDefault]);
  return effects;
}

const noop = () => () => {};

/** Live state of `effects` for rendering. */
export function useMediaEffectsState(effects: MediaEffects | null): MediaEffectsState | null {
  return useSyncExternalStore(
    effects ? effects.subscribe : noop,
    () => effects?.state ?? null,
    () => null,
  );
}
