/** Voice processing every participant gets; browsers default some of these off for exact-device requests. */
export const VOICE_PROCESSING = { echoCancellation: true, noiseSuppression: true, autoGainControl: true } as const;

/** Camera capture target: 720p at 30 fps is fine for a small mesh; browsers pick the closest mode. */
export const DEFAULT_VIDEO: MediaTrackConstraints = {
  width: { ideal: 1280 },
  height: { ideal: 720 },
  frameRate: { ideal: 30 },
};

export function audioConstraints(deviceId: string | null): MediaTrackConstraints {
  return { ...VOICE_PROCESSING, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
}

export function videoConstraints(deviceId: string | null, base: MediaTrackConstraints = DEFAULT_VIDEO): MediaTrackConstraints {
  return { ...base, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
}
