/**
 * The sent camera quality a participant can choose in the call. "auto" is the capture the app asks for by default;
 * the others cap the capture itself, so every connection (each mesh peer, every simulcast layer of the SFU) gets less.
 */
export const VIDEO_QUALITIES = ["auto", "720p", "360p", "180p"] as const;
export type VideoQuality = (typeof VIDEO_QUALITIES)[number];

const PRESETS: Record<Exclude<VideoQuality, "auto">, MediaTrackConstraints> = {
  // Asked for, not required: a 480p webcam still works and sends what it has.
  "720p": { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 24 } },
  // The lower ones are ceilings (max): browsers scale the camera's picture down to fit.
  "360p": { width: { ideal: 640, max: 640 }, height: { ideal: 360, max: 360 }, frameRate: { ideal: 24 } },
  "180p": { width: { ideal: 320, max: 320 }, height: { ideal: 180, max: 180 }, frameRate: { ideal: 15, max: 15 } },
};

export function isVideoQuality(value: unknown): value is VideoQuality {
  return typeof value === "string" && (VIDEO_QUALITIES as readonly string[]).includes(value);
}

/** Capture constraints (without device) for `quality`; `auto` is the app's default capture. */
export function videoQualityConstraints(quality: VideoQuality, auto: MediaTrackConstraints): MediaTrackConstraints {
  return quality === "auto" ? auto : PRESETS[quality];
}
