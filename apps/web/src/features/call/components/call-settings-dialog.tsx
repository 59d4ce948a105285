"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { isCallError, isVideoQuality, supportsAudioOutputSelection, VIDEO_QUALITIES, type DeviceList, type LocalMedia, type LocalMediaState, type VideoQuality } from "@parley/webrtc-client";
import { X } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/card";
import { mediaErrorMessage } from "../messages";
import { DeviceSelect } from "./device-select";
import { MicLevelMeter } from "./mic-level-meter";

const text = {
  title: "Settings",
  description: "Changes apply at once; the call goes on.",
  close: "Close settings",
  audio: "Audio",
  video: "Video",
  microphone: "Microphone",
  noMicrophone: "No microphone",
  speaker: "Speaker",
  systemDefault: "System default",
  camera: "Camera",
  noCamera: "No camera",
  quality: "Sent video quality",
  qualityHint: "Lower quality saves data and battery for you and everyone in the call.",
  qualities: { auto: "Automatic", "720p": "High (720p)", "360p": "Standard (360p)", "180p": "Low (180p)" } satisfies Record<VideoQuality, string>,
  micHint: "Speak: the bar moves when your microphone hears you.",
  micMutedHint: "Your microphone is off in the call.",
  failed: "That did not work.",
};

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  media: LocalMedia;
  state: LocalMediaState;
  devices: DeviceList;
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
export function CallSettingsDialog({ open, onOpenChange, media, state, devices }: Props) {
  const [error, setError] = useState<string | null>(null);
  const ids = { microphone: useId(), speaker: useId(), camera: useId(), quality: useId(), qualityHint: useId() };
  const speakers = supportsAudioOutputSelection() ? devices.speakers : [];
  const run = (action: () => Promise<void> | void) => {
    setError(null);
    Promise.resolve()
      .then(action)
      .catch((failure: unknown) => setError(isCallError(failure) ? mediaErrorMessage(failure.code) : text.failed));
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
              <Dialog.Title className="text-lg font-semibold">{text.title}</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-600">{text.description}</Dialog.Description>
            </div>
            <Dialog.Close asChild>
              <button type="button" aria-label={text.close} className="rounded p-1 hover:bg-slate-100">
                <X aria-hidden className="size-5" />
              </button>
            </Dialog.Close>
          </div>
          {error && <Alert>{error}</Alert>}

          <SettingsSection title={text.audio}>
            <DeviceSelect
              id={ids.microphone}
              label={text.microphone}
              kind={text.microphone}
              devices={devices.microphones}
              value={state.microphoneId}
              emptyLabel={text.noMicrophone}
              onSelect={(id) => run(() => media.selectMicrophone(id))}
            />
            <div className="space-y-1">
              <MicLevelMeter track={state.microphoneTrack} muted={state.audioMuted} />
              <p className="text-xs text-slate-600">{state.audioMuted ? text.micMutedHint : text.micHint}</p>
            </div>
            <DeviceSelect
              id={ids.speaker}
              label={text.speaker}
              kind={text.speaker}
              devices={speakers}
              value={state.speakerId}
              emptyLabel={text.systemDefault}
              onSelect={(id) => run(() => media.selectSpeaker(id))}
            />
          </SettingsSection>

          <SettingsSection title={text.video}>
            <DeviceSelect
              id={ids.camera}
              label={text.camera}
              kind={text.camera}
              devices={devices.cameras}
              value={state.cameraId}
              emptyLabel={text.noCamera}
              onSelect={(id) => run(() => media.selectCamera(id))}
            />
            <div>
              <label htmlFor={ids.quality} className="mb-1 block text-xs font-medium text-slate-600">
                {text.quality}
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
                    {text.qualities[quality]}
                  </option>
                ))}
              </select>
              <p id={ids.qualityHint} className="mt-1 text-xs text-slate-600">
                {text.qualityHint}
              </p>
            </div>
          </SettingsSection>

          {/*
            EFFECTS SLOT (#15): background blur / replacement and noise suppression go here, as
            <SettingsSection title={text.effects}><EffectsSettings ... /></SettingsSection>
            with EffectsSettings from "./effects-settings" (built by the effects work; add `effects: "Effects"` to `text`).
          */}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
