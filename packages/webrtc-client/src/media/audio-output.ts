import { CallError, type CallErrorCode } from "../errors";

/** Whether this browser can route a media element's audio to a chosen speaker (setSinkId: Chromium, Firefox 116+, Safari 18.4+). */
export function supportsAudioOutputSelection(element?: HTMLMediaElement): boolean {
  if (element) return typeof (element as HTMLMediaElement & { setSinkId?: unknown }).setSinkId === "function";
  return typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
}

/**
 * Play `element` on the speaker `deviceId` ("" = system default). Returns false where the browser
 * cannot choose the output (e.g. older Safari/Firefox); audio then plays on the default device.
 */
export async function setAudioOutput(element: HTMLMediaElement, deviceId: string): Promise<boolean> {
  const withSink = element as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
  if (typeof withSink.setSinkId !== "function") return false;
  await withSink.setSinkId(deviceId);
  return true;
}

/** The part of `navigator.mediaDevices` the browser's speaker prompt needs (injected so tests can fake it). */
export interface AudioOutputPromptLike {
  selectAudioOutput?(options?: { deviceId?: string }): Promise<MediaDeviceInfo>;
}

const defaultPrompt = (): AudioOutputPromptLike | null =>
  typeof navigator !== "undefined" ? ((navigator.mediaDevices as AudioOutputPromptLike | undefined) ?? null) : null;

/**
 * Whether the browser has its own speaker prompt (`selectAudioOutput`, Firefox). There `enumerateDevices()` lists a
 * speaker only after the user picked it in that prompt, so a speaker list alone stays empty: offer a
 * "Choose speaker…" button that calls `requestAudioOutput()`.
 */
export function canRequestAudioOutput(devices: AudioOutputPromptLike | null = defaultPrompt()): boolean {
  return typeof devices?.selectAudioOutput === "function";
}

export interface RequestAudioOutputOptions {
  /** The speaker chosen before (the browser may return it without asking again). */
  readonly deviceId?: string | null;
  /** Defaults to `navigator.mediaDevices`. */
  readonly devices?: AudioOutputPromptLike | null;
}

/**
 * Ask the browser's speaker prompt for a speaker (Firefox's `selectAudioOutput`). Call it from a click handler: the
 * browser needs the user's gesture. Resolves with the chosen speaker, which `enumerateDevices()` (`LocalMedia.listDevices()`)
 * lists from then on; pass its `deviceId` to `LocalMedia.selectSpeaker()`. Rejects with a `CallError` whose `code` says
 * why: `no_device` (no speaker besides the system default), `permission_denied` (prompt dismissed or refused),
 * `invalid_state` (not called from a click), `unsupported` (no prompt in this browser), `media_failed` (anything else).
 */
export async function requestAudioOutput(options: RequestAudioOutputOptions = {}): Promise<MediaDeviceInfo> {
  const devices = options.devices === undefined ? defaultPrompt() : options.devices;
  if (!devices || typeof devices.selectAudioOutput !== "function") {
    throw new CallError("unsupported", "This browser cannot choose a speaker; audio plays on the system default.");
  }
  try {
    return await devices.selectAudioOutput(options.deviceId ? { deviceId: options.deviceId } : {});
  } catch (cause) {
    throw audioOutputError(cause);
  }
}

/** DOMException names selectAudioOutput rejects with → our codes and words. */
const AUDIO_OUTPUT_ERRORS: Record<string, readonly [CallErrorCode, string]> = {
  NotFoundError: ["no_device", "No speaker was found besides the system default."],
  NotAllowedError: ["permission_denied", "No speaker was chosen: the browser's prompt was dismissed or is not allowed on this page."],
  InvalidStateError: ["invalid_state", "The browser asks for a speaker only right after a click."],
  AbortError: ["media_aborted", "Choosing a speaker was interrupted."],
};

function audioOutputError(cause: unknown): CallError {
  const name = typeof cause === "object" && cause !== null && "name" in cause ? String(cause.name) : "";
  const [code, message] = AUDIO_OUTPUT_ERRORS[name] ?? ["media_failed", "The speaker could not be chosen."];
  return new CallError(code, message, cause);
}
