/** @parley/media-effects: browser-only media processing (background blur/replacement, noise suppression). */
export { BACKGROUND_IMAGES, EFFECT_ASSETS, assetUrl, type BackgroundImageId, type EffectAsset } from "./assets";
export { backgroundEffectSupport, noiseSuppressionSupport, type EffectGlobals } from "./support";
export {
  EffectError,
  UNSUPPORTED_REASONS,
  type LoadProgress,
  type Support,
  type TrackProcessor,
  type UnsupportedReason,
} from "./track-processor";
export { BackgroundEffect, type BackgroundChoice, type BackgroundEffectOptions } from "./video/background-effect";
export { NoiseSuppressor, type NoiseSuppressorOptions } from "./audio/noise-suppressor";
