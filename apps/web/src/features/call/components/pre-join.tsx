"use client";
import { displayNameSchema } from "@parley/protocol";
import type { CallError, DeviceList, LocalMedia, LocalMediaState } from "@parley/webrtc-client";
import { Loader2, Mic, MicOff, Video, VideoOff } from "lucide-react";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { mediaErrorMessage } from "../messages";
import { DevicePickers } from "./device-pickers";
import { TrackVideo } from "./track-video";

type Props = {
  media: LocalMedia | null;
  state: LocalMediaState | null;
  devices: DeviceList;
  mediaErrors: Partial<Record<"microphone" | "camera", CallError>>;
  mediaReady: boolean;
  defaultName: string;
  askPasscode: boolean;
  joining: boolean;
  error?: string;
  onJoin: (input: { name: string; passcode?: string }) => void;
  /** The name as entered so far (and the default on mount): lets the session prepare the join early. */
  onNameChange?: (name: string) => void;
};

/** Camera preview, device choice, mute toggles, name and passcode: everything before entering the room. */
export function PreJoin(p: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const state = p.state;
  const camera = state && !state.videoMuted ? state.cameraTrack : null;
  const mediaProblem = p.mediaErrors.camera ?? p.mediaErrors.microphone;
  const { defaultName, onNameChange } = p;
  useEffect(() => {
    if (defaultName) onNameChange?.(defaultName);
  }, [defaultName, onNameChange]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const raw = String(data.get("name") ?? "").trim();
    const passcode = String(data.get("passcode") ?? "").trim();
    if (!raw) return setFormError("Enter your name so others know who you are.");
    const checked = displayNameSchema.safeParse(raw);
    if (!checked.success) return setFormError(checked.error.issues[0]?.message ?? "This name can't be used.");
    const name = checked.data;
    if (p.askPasscode && !passcode) return setFormError("Enter the meeting passcode.");
    setFormError(null);
    p.onJoin({ name, ...(passcode ? { passcode } : {}) });
  }

  return (
    <div className="space-y-4">
      <div className="relative aspect-video overflow-hidden rounded-xl bg-slate-900" data-testid="preview">
        {camera ? (
          <TrackVideo track={camera} mirrored label="Your camera preview" className="object-cover" />
        ) : (
          <div className="flex h-full items-center justify-center text-sm text-slate-300">
            {!p.mediaReady ? (
              <span className="flex items-center gap-2">
                <Loader2 aria-hidden className="size-4 animate-spin" /> Starting camera…
              </span>
            ) : state?.videoMuted ? (
              "Camera is off"
            ) : (
              "No camera"
            )}
          </div>
        )}
        {p.media && state && (
          <div className="absolute bottom-3 left-1/2 flex -translate-x-1/2 gap-2">
            <button
              type="button"
              aria-label={state.audioMuted ? "Turn on microphone" : "Turn off microphone"}
              disabled={!state.microphoneTrack}
              onClick={() => p.media?.setAudioMuted(!state.audioMuted)}
              className={`flex size-11 items-center justify-center rounded-full disabled:opacity-40 ${state.audioMuted ? "bg-red-600" : "bg-slate-700/80"} text-white`}
            >
              {state.audioMuted ? <MicOff aria-hidden className="size-5" /> : <Mic aria-hidden className="size-5" />}
            </button>
            <button
              type="button"
              aria-label={state.videoMuted ? "Turn on camera" : "Turn off camera"}
              disabled={!state.cameraTrack && !state.videoMuted}
              onClick={() => void p.media?.setVideoMuted(!state.videoMuted)}
              className={`flex size-11 items-center justify-center rounded-full disabled:opacity-40 ${state.videoMuted ? "bg-red-600" : "bg-slate-700/80"} text-white`}
            >
              {state.videoMuted ? <VideoOff aria-hidden className="size-5" /> : <Video aria-hidden className="size-5" />}
            </button>
          </div>
        )}
      </div>
      {mediaProblem && <Alert>{mediaErrorMessage(mediaProblem.code)} You can still join without it.</Alert>}
      {p.media && state && <DevicePickers media={p.media} state={state} devices={p.devices} />}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field id="name" label="Your name">
          <Input
            id="name"
            name="name"
            defaultValue={p.defaultName}
            maxLength={80}
            autoComplete="name"
            required
            onChange={(event) => p.onNameChange?.(event.currentTarget.value)}
          />
        </Field>
        {p.askPasscode && (
          <Field id="passcode" label="Meeting passcode">
            <Input id="passcode" name="passcode" autoComplete="off" maxLength={32} required />
          </Field>
        )}
        {(formError ?? p.error) && <Alert>{formError ?? p.error}</Alert>}
        <Button type="submit" className="w-full" size="lg" disabled={p.joining || !p.mediaReady}>
          {p.joining && <Loader2 aria-hidden className="animate-spin" />}
          {p.joining ? "Joining…" : "Join"}
        </Button>
      </form>
    </div>
  );
}
