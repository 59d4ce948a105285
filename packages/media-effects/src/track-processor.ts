/**
 * Turns a captured track into the track to send (same shape as webrtc-client's `TrackProcessor`, kept structural so
 * neither package depends on the other). `process` may be called again with a new input (device switch, camera back
 * on) and then returns the same output track when it can, so connections need no replaceTrack.
 */
export interface TrackProcessor {
  process(input: MediaStreamTrack): Promise<MediaStreamTrack>;
  /** The input went away (camera off, processor removed); stop reading it. The processor stays usable. */
  release(): void;
}

/** Why an effect cannot run in this browser (the UI shows it beside the disabled toggle). */
export const UNSUPPORTED_REASONS = [
  "no-insertable-streams",
  "no-offscreen-canvas",
  "no-webassembly",
  "no-worker",
  "no-audio-worklet",
] as const;
export type UnsupportedReason = (typeof UNSUPPORTED_REASONS)[number];

export type Support = { readonly supported: true } | { readonly supported: false; readonly reason: UnsupportedReason };

/** Bytes of a file loaded so far; `total` is null when the server did not say. */
export type LoadProgress = { readonly loaded: number; readonly total: number | null };

/** An effect that failed to load or run; `code` picks the user-visible message. */
export class EffectError extends Error {
  readonly code: "load_failed" | "unsupported" | "runtime";
  constructor(code: EffectError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EffectError";
    this.code = code;
  }
}
