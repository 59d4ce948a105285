"use client";
import type { DeviceList, LocalMedia } from "@parley/webrtc-client";
import { useEffect, useState } from "react";

const EMPTY_DEVICES: DeviceList = { microphones: [], cameras: [], speakers: [] };

/** The cameras, microphones and speakers `media` can use, kept current when devices are plugged in or out. */
export function useDeviceList(media: LocalMedia): DeviceList {
  const [devices, setDevices] = useState<DeviceList>(EMPTY_DEVICES);
  useEffect(() => {
    let current = true;
    const off = media.on("devicesChanged", setDevices);
    media.listDevices().then(
      (list) => current && setDevices(list),
      () => undefined,
    );
    return () => {
      current = false;
      off();
    };
  }, [media]);
  return devices;
}
