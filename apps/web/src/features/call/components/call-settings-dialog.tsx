"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { isCallError, isVideoQuality, VIDEO_QUALITIES, type DeviceList, type LocalMedia, type LocalMediaState } from "@parley/webrtc-client";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/card";
import { mediaErrorMessage } from "../messages";
import { ChooseSpeakerButton, useSpeakerChoices } from "./choose-speaker-button";
import { DeviceSelect } from "./device-select";
import { EffectsSettings } from "./effects-settings";
import type { MediaEffects } from "../media-effects";
import { MicLevelMeter } from "./mic-level-meter";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  media: LocalMedia;
  state: LocalMediaState;
  devices: DeviceList;
  /** Background and noise effects of this call (null until created after the join). */
  effects: MediaEffects | null;
};

/** One titled group of settings. */
function SettingsSection({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-3 border-t border-slate-200 pt-4">
      <h3 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Camera, microphone, speaker and sent quality, changed during the call (hot swap: nobody has to rejoin). */
export function CallSettingsDialog({ open, onOpenChange, media, state, devices, effects }: Props) {
  const t = useTranslations("settings");
  const tDevices = useTranslations("devices");
  const tm = useTranslations("callMessages");
  const { speakers, onChosen } = useSpeakerChoices(devices.speakers);
  const [error, setError] = useState<string | null>(null);
  const ids = { microphone: useId(), speaker: useId(), camera: useId(), quality: useId(), qualityHint: useId() };
  const run = (action: () => Promise<void> | void) => {
    setError(null);
    Promise.resolve()
      .then(action)
      .catch((failure: unknown) => setError(isCallError(failure) ? mediaErrorMessage(tm, failure.code) : t("failed")));
  };
  const setOpen = (next: boolean) => {
    setError(null);
    onOpenChange(next);
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/60" />
        <Dialog.Content
          data-testid="call-settings"
          className="fixed top-1/2 left-1/2 z-50 max-h-[90dvh] w-[min(92vw,30rem)] -translate-x-1/2 -translate-y-1/2 space-y-4 overflow-y-auto rounded-xl bg-white p-6 text-slate-900 shadow-xl"
        >
          <div className="flex items-start justify-between gap-4">
            <div>
              <Dialog.Title className="text-lg font-semibold">{t("title")}</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-600">{t("description")}</Dialog.Description>
            </div>
            <Dialog.Close asChild>
              <button type="button" aria-label={t("close")} className="rounded p-1 hover:bg-slate-100">
                <X aria-hidden className="size-5" />
              </button>
            </Dialog.Close>
          </div>
          {error && <Alert>{error}</Alert>}

          <SettingsSection title={t("audio")}>
            <DeviceSelect
              id={ids.microphone}
              label={tDevices("microphone")}
              kind="microphone"
              devices={devices.microphones}
              value={state.microphoneId}
              emptyLabel={tDevices("noMicrophone")}
              onSelect={(id) => run(() => media.selectMicrophone(id))}
            />
            <div className="space-y-1">
              <MicLevelMeter track={state.microphoneTrack} muted={state.audioMuted} />
              <p className="text-xs text-slate-600">{state.audioMuted ? t("micMutedHint") : t("micHint")}</p>
            </div>
            <DeviceSelect
              id={ids.speaker}
              label={tDevices("speaker")}
              kind="speaker"
              devices={speakers}
              value={state.speakerId}
              emptyLabel={tDevices("systemDefault")}
              onSelect={(id) => run(() => media.selectSpeaker(id))}
            />
            <ChooseSpeakerButton media={media} speakerId={state.speakerId} onChosen={onChosen} />
          </SettingsSection>

          <SettingsSection title={t("video")}>
            <DeviceSelect
              id={ids.camera}
              label={tDevices("camera")}
              kind="camera"
              devices={devices.cameras}
              value={state.cameraId}
              emptyLabel={tDevices("noCamera")}
              onSelect={(id) => run(() => media.selectCamera(id))}
            />
            <div>
              <label htmlFor={ids.quality} className="mb-1 block text-xs font-medium text-slate-600">
                {t("quality")}
              </label>
              <select
                id={ids.quality}
                aria-describedby={ids.qualityHint}
                className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900"
                value={state.videoQuality}
                onChange={(event) => {
                  const quality = event.target.value;
                  if (isVideoQuality(quality)) run(() => media.setVideoQuality(quality));
                }}
              >
                {VIDEO_QUALITIES.map((quality) => (
                  <option key={quality} value={quality}>
                    {t(`qualities.${quality}`)}
                  </option>
                ))}
              </select>
              <p id={ids.qualityHint} className="mt-1 text-xs text-slate-600">
                {t("qualityHint")}
              </p>
            </div>
          </SettingsSection>

          {/* EffectsSettings is its own titled section ("Effects"). */}
          {effects && (
            <div className="border-t border-slate-200 pt-4">
              <EffectsSettings effects={effects} />
            </div>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
