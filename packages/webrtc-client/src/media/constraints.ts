/** Voice processing every participant gets; browsers default some of these off for exact-device requests. */
export const VOICE_PROCESSING = { echoCancellation: true, noiseSuppression: true, autoGainControl: true } as const;

/**
 * Camera capture target. In a mesh every sender encodes one copy per peer (up to three), so 540p at 24 fps keeps
 * a laptop's CPU and a home uplink within budget; browsers pick the closest mode the camera has.
 */
export const DEFAULT_VIDEO: MediaTrackConstraints = {
  width: { ideal: 960 },
  height: { ideal: 540 },
  frameRate: { ideal: 24 },
};

export function audioConstraints(deviceId: string | null): MediaTrackConstraints {
  return { ...VOICE_PROCESSING, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
}

export function videoConstraints(deviceId: string | null, base: MediaTrackConstraints = DEFAULT_VIDEO): MediaTrackConstraints {
  return { ...base, ...(deviceId ? { deviceId: { exact: deviceId } } : {}) };
}
