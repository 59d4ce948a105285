"use client";
import { LocalMedia, type CallError, type DeviceList, type LocalMediaState } from "@parley/webrtc-client";
import { useEffect, useState, useSyncExternalStore } from "react";

const EMPTY_DEVICES: DeviceList = { microphones: [], cameras: [], speakers: [] };
const noop = () => () => {};

/**
 * One LocalMedia for the page: opened on the pre-join screen (preview), handed to the call, stopped when the
 * page goes away. Returns its live state, the device lists and start-up problems per source.
 */
export function useLocalMedia() {
  // NOTE: created inside the effect (not during render) so React's dev double-mount gets a fresh instance.
  const [media, setMedia] = useState<LocalMedia | null>(null);
  const [errors, setErrors] = useState<Partial<Record<"microphone" | "camera", CallError>>>({});
  const [devices, setDevices] = useState<DeviceList>(EMPTY_DEVICES);
  const [ready, setReady] = useState(false);

  const state = useSyncExternalStore<LocalMediaState | null>(
    media ? (onChange) => media.subscribe(onChange) : noop,
    () => media?.state ?? null,
    () => null,
  );

  useEffect(() => {
    const local = new LocalMedia();
    setMedia(local);
    let cancelled = false;
    const offDevices = local.on("devicesChanged", setDevices);
    void local
      .start()
      .then(async (result) => {
        if (cancelled) return;
        setErrors(result.errors);
        setDevices(await local.listDevices());
      })
      .catch(() => {})
      .finally(() => !cancelled && setReady(true));
    return () => {
      cancelled = true;
      offDevices();
      local.stop();
    };
  }, []);

  return { media, state, devices, errors, ready };
}
