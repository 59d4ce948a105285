"use client";
import type { DeviceList, LocalMedia, LocalMediaState } from "@parley/webrtc-client";
import { useTranslations } from "next-intl";
import { ChooseSpeakerButton, useSpeakerChoices } from "./choose-speaker-button";
import { DeviceSelect } from "./device-select";

/** Camera, microphone and speaker pickers; switching is hot (no renegotiation). */
export function DevicePickers({ media, state, devices }: { media: LocalMedia; state: LocalMediaState; devices: DeviceList }) {
  const t = useTranslations("devices");
  const { speakers, onChosen } = useSpeakerChoices(devices.speakers);
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <DeviceSelect id="camera-select" label={t("camera")} kind="camera" devices={devices.cameras} value={state.cameraId} emptyLabel={t("noCamera")} onSelect={(id) => void media.selectCamera(id)} />
      <DeviceSelect id="microphone-select" label={t("microphone")} kind="microphone" devices={devices.microphones} value={state.microphoneId} emptyLabel={t("noMicrophone")} onSelect={(id) => void media.selectMicrophone(id)} />
      <div>
        <DeviceSelect id="speaker-select" label={t("speaker")} kind="speaker" devices={speakers} value={state.speakerId} emptyLabel={t("systemDefault")} onSelect={(id) => media.selectSpeaker(id)} />
        <ChooseSpeakerButton media={media} speakerId={state.speakerId} onChosen={onChosen} />
      </div>
    </div>
  );
}
