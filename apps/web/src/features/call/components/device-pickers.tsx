"use client";
import type { DeviceList, LocalMedia, LocalMediaState } from "@parley/webrtc-client";
import { supportsAudioOutputSelection } from "@parley/webrtc-client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ChooseSpeakerButton } from "./choose-speaker-button";

const select = "h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm";

/** Camera, microphone and speaker pickers; switching is hot (no renegotiation). */
export function DevicePickers({ media, state, devices }: { media: LocalMedia; state: LocalMediaState; devices: DeviceList }) {
  const t = useTranslations("devices");
  // Firefox lists a speaker only once it was picked in its prompt; show the pick before the list catches up.
  const [prompted, setPrompted] = useState<MediaDeviceInfo | null>(null);
  const listed = prompted && !devices.speakers.some((d) => d.deviceId === prompted.deviceId) ? [...devices.speakers, prompted] : devices.speakers;
  const speakers = supportsAudioOutputSelection() ? listed : [];
  const label = (d: MediaDeviceInfo, i: number, kind: "camera" | "microphone" | "speaker") => d.label || t(`unnamed.${kind}`, { n: i + 1 });
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <div>
        <label htmlFor="camera-select" className="mb-1 block text-xs font-medium text-slate-600">
          {t("camera")}
        </label>
        <select id="camera-select" className={select} value={state.cameraId ?? ""} disabled={devices.cameras.length === 0} onChange={(e) => void media.selectCamera(e.target.value)}>
          {devices.cameras.length === 0 && <option value="">{t("noCamera")}</option>}
          {devices.cameras.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {label(d, i, "camera")}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="microphone-select" className="mb-1 block text-xs font-medium text-slate-600">
          {t("microphone")}
        </label>
        <select id="microphone-select" className={select} value={state.microphoneId ?? ""} disabled={devices.microphones.length === 0} onChange={(e) => void media.selectMicrophone(e.target.value)}>
          {devices.microphones.length === 0 && <option value="">{t("noMicrophone")}</option>}
          {devices.microphones.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {label(d, i, "microphone")}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="speaker-select" className="mb-1 block text-xs font-medium text-slate-600">
          {t("speaker")}
        </label>
        <select id="speaker-select" className={select} value={state.speakerId ?? ""} disabled={speakers.length === 0} onChange={(e) => media.selectSpeaker(e.target.value)}>
          {speakers.length === 0 && <option value="">{t("systemDefault")}</option>}
          {speakers.map((d, i) => (
            <option key={d.deviceId} value={d.deviceId}>
              {label(d, i, "speaker")}
            </option>
          ))}
        </select>
        <ChooseSpeakerButton media={media} speakerId={state.speakerId} onChosen={setPrompted} />
      </div>
    </div>
  );
}
