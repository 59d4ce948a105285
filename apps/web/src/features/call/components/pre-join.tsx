"use client";
import { displayNameSchema } from "@parley/protocol";
import type { CallError, DeviceList, LocalMedia, LocalMediaState } from "@parley/webrtc-client";
import { Loader2, Mic, MicOff, Video, VideoOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { describedBy, Field, Input } from "@/components/ui/field";
import { rememberGuestName, rememberedGuestName } from "../guest-name";
import { nameErrorKey } from "@/i18n/name-error";
import { mediaErrorMessage } from "../messages";
import { DevicePickers } from "./device-pickers";
import { MicLevelMeter } from "./mic-level-meter";
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
  /** Not signed in: the name is remembered in this browser for the next meeting. */
  guest: boolean;
  error?: string;
  /** The field the server's refusal is about (a wrong passcode): it shows the error and takes focus. */
  errorField?: "passcode";
  onJoin: (input: { name: string; passcode?: string }) => void;
  /** The name as entered so far (and the default on mount): lets the session prepare the join early. */
  onNameChange?: (name: string) => void;
};

/** Camera preview, device choice, mute toggles, name and passcode: everything before entering the room. */
export function PreJoin(p: Props) {
  // Controlled, so what was typed survives a refused join (wrong passcode, locked meeting) and every re-render.
  const t = useTranslations("preJoin");
  const tm = useTranslations("callMessages");
  const [name, setName] = useState(p.defaultName);
  const [passcode, setPasscode] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ name?: string; passcode?: string }>({});
  const nameInput = useRef<HTMLInputElement>(null);
  const passcodeInput = useRef<HTMLInputElement>(null);
  const state = p.state;
  const camera = state && !state.videoMuted ? state.cameraTrack : null;
  const mediaProblem = p.mediaErrors.camera ?? p.mediaErrors.microphone;
  const { defaultName, onNameChange, guest } = p;
  useEffect(() => {
    // A guest gets the name they last joined with in this browser (read after mounting: storage is browser-only).
    const initial = defaultName || (guest ? rememberedGuestName() : "");
    if (!initial) return;
    setName((typed) => typed || initial);
    onNameChange?.(initial);
  }, [defaultName, guest, onNameChange]);

  // The server refused the passcode: say so at the field, and put the cursor there.
  const serverFieldError = p.errorField === "passcode" ? p.error : undefined;
  const { error, errorField } = p;
  useEffect(() => {
    if (error && errorField === "passcode") passcodeInput.current?.select();
  }, [error, errorField]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = name.trim();
    const errors: { name?: string; passcode?: string } = {};
    const checked = displayNameSchema.safeParse(raw);
    if (!raw) errors.name = t("nameMissing");
    else if (!checked.success) errors.name = tm(`names.${nameErrorKey(checked.error.issues[0]?.message)}`);
    if (p.askPasscode && !passcode.trim()) errors.passcode = t("passcodeMissing");
    setFieldErrors(errors);
    // Focus goes to the first field in error, which announces its message.
    if (errors.name) return nameInput.current?.focus();
    if (errors.passcode) return passcodeInput.current?.focus();
    if (!checked.success) return;
    if (guest) rememberGuestName(checked.data);
    p.onJoin({ name: checked.data, ...(passcode.trim() ? { passcode: passcode.trim() } : {}) });
  }
  const passcodeError = fieldErrors.passcode ?? serverFieldError;

  return (
    <div className="space-y-4">
      <div className="call-surface relative aspect-video overflow-hidden rounded-xl bg-slate-900" data-testid="preview">
        {camera ? (
          <TrackVideo track={camera} mirrored label={t("preview")} className="object-cover" />
        ) : (
          <div className="flex h-full items-center justify-center text-sm text-slate-300">
            {!p.mediaReady ? (
              <span className="flex items-center gap-2">
                <Loader2 aria-hidden className="size-4 animate-spin" /> {t("starting")}
              </span>
            ) : state?.videoMuted ? (
              t("cameraOff")
            ) : (
              t("noCamera")
            )}
          </div>
        )}
        {p.media && state && (
          <div className="absolute bottom-3 left-1/2 flex -translate-x-1/2 gap-2">
            <button
              type="button"
              aria-label={state.audioMuted ? t("micOn") : t("micOff")}
              disabled={!state.microphoneTrack}
              onClick={() => p.media?.setAudioMuted(!state.audioMuted)}
              className={`flex size-11 items-center justify-center rounded-full disabled:opacity-40 ${state.audioMuted ? "bg-red-600" : "bg-slate-700/80"} text-white`}
            >
              {state.audioMuted ? <MicOff aria-hidden className="size-5" /> : <Mic aria-hidden className="size-5" />}
            </button>
            <button
              type="button"
              aria-label={state.videoMuted ? t("cameraTurnOn") : t("cameraTurnOff")}
              disabled={!state.cameraTrack && !state.videoMuted}
              onClick={() => void p.media?.setVideoMuted(!state.videoMuted)}
              className={`flex size-11 items-center justify-center rounded-full disabled:opacity-40 ${state.videoMuted ? "bg-red-600" : "bg-slate-700/80"} text-white`}
            >
              {state.videoMuted ? <VideoOff aria-hidden className="size-5" /> : <Video aria-hidden className="size-5" />}
            </button>
          </div>
        )}
      </div>
      {mediaProblem && <Alert>{t("mediaProblem", { problem: mediaErrorMessage(tm, mediaProblem.code) })}</Alert>}
      {p.media && state && <DevicePickers media={p.media} state={state} devices={p.devices} />}
      {state?.microphoneTrack && <MicLevelMeter track={state.microphoneTrack} muted={state.audioMuted} />}
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field id="name" label={t("name")} error={fieldErrors.name}>
          <Input
            ref={nameInput}
            id="name"
            name="name"
            value={name}
            maxLength={80}
            autoComplete="name"
            required
            aria-invalid={!!fieldErrors.name}
            aria-describedby={describedBy("name", fieldErrors.name)}
            onChange={(event) => {
              setName(event.currentTarget.value);
              p.onNameChange?.(event.currentTarget.value);
            }}
          />
        </Field>
        {p.askPasscode && (
          <Field id="passcode" label={t("passcode")} error={passcodeError}>
            <Input
              ref={passcodeInput}
              id="passcode"
              name="passcode"
              value={passcode}
              autoComplete="off"
              maxLength={32}
              required
              aria-invalid={!!passcodeError}
              aria-describedby={describedBy("passcode", passcodeError)}
              onChange={(event) => setPasscode(event.currentTarget.value)}
            />
          </Field>
        )}
        {p.error && !serverFieldError && <Alert>{p.error}</Alert>}
        <Button type="submit" className="w-full" size="lg" disabled={p.joining || !p.mediaReady}>
          {p.joining && <Loader2 aria-hidden className="animate-spin" />}
          {p.joining ? t("joining") : t("join")}
        </Button>
      </form>
    </div>
  );
}
