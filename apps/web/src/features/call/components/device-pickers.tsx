"use client";
import type { DeviceList, LocalMedia, LocalMediaState } from "@parley/webrtc-client";
import { supportsAudioOutputSelection } from "@parley/webrtc-client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ChooseSpeakerButton } from "./choose-speaker-button";
import { DeviceSelect } from "./device-select";

/** Camera, microphone and speaker pickers; switching is hot (no renegotiation). */
export function DevicePickers({ media, state, devices }: { media: LocalMedia; state: LocalMediaState; devices: DeviceList }) {
  const t = useTranslations("devices");
  // Firefox lists a speaker only once it was picked in its prompt; show the pick before the list catches up.
  const [prompted, setPrompted] = useState<MediaDeviceInfo | null>(null);
  const listed = prompted && !devices.speakers.some((d) => d.deviceId === prompted.deviceId) ? [...devices.speakers, prompted] : devices.speakers;
  const speakers = supportsAudioOutputSelection() ? listed : [];
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <DeviceSelect id="camera-select" label={t("camera")} kind="camera" devices={devices.cameras} value={state.cameraId} emptyLabel={t("noCamera")} onSelect={(id) => void media.selectCamera(id)} />
      <DeviceSelect id="microphone-select" label={t("microphone")} kind="microphone" devices={devices.microphones} value={state.microphoneId} emptyLabel={t("noMicrophone")} onSelect={(id) => void media.selectMicrophone(id)} />
      <div>
        <DeviceSelect id="speaker-select" label={t("speaker")} kind="speaker" devices={speakers} value={state.speakerId} emptyLabel={t("systemDefault")} onSelect={(id) => media.selectSpeaker(id)} />
        <ChooseSpeakerButton media={media} speakerId={state.speakerId} onChosen={setPrompted} />
      </div>
    </div>
  );
}
