"use client";
import type { DeviceList, LocalMedia, LocalMediaState } from "@parley/webrtc-client";
import { supportsAudioOutputSelection } from "@parley/webrtc-client";
import { DeviceSelect } from "./device-select";

/** Camera, microphone and speaker pickers; switching is hot (no renegotiation). */
export function DevicePickers({ media, state, devices }: { media: LocalMedia; state: LocalMediaState; devices: DeviceList }) {
  const speakers = supportsAudioOutputSelection() ? devices.speakers : [];
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <DeviceSelect id="camera-select" label="Camera" kind="Camera" devices={devices.cameras} value={state.cameraId} emptyLabel="No camera" onSelect={(id) => void media.selectCamera(id)} />
      <DeviceSelect id="microphone-select" label="Microphone" kind="Microphone" devices={devices.microphones} value={state.microphoneId} emptyLabel="No microphone" onSelect={(id) => void media.selectMicrophone(id)} />
      <DeviceSelect id="speaker-select" label="Speaker" kind="Speaker" devices={speakers} value={state.speakerId} emptyLabel="System default" onSelect={(id) => media.selectSpeaker(id)} />
    </div>
  );
}
