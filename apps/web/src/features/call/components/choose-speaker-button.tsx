"use client";
import type { CallErrorCode, LocalMedia } from "@parley/webrtc-client";
import { canRequestAudioOutput, isCallError, requestAudioOutput, supportsAudioOutputSelection } from "@parley/webrtc-client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Why the browser's speaker prompt gave no speaker, in the user's words; audio keeps playing where it did. */
const SPEAKER_PROMPT_MESSAGES = {
  no_device: "noDevice",
  permission_denied: "permissionDenied",
  invalid_state: "invalidState",
} as const satisfies Partial<Record<CallErrorCode, string>>;

/**
 * "Choose speaker…" for browsers that list speakers only through their own prompt (Firefox's selectAudioOutput):
 * the chosen speaker becomes the call's speaker and is handed to `onChosen` (add it to the speaker list).
 * Renders nothing where the browser has no such prompt (Chromium lists every speaker itself).
 */
export function ChooseSpeakerButton({ media, speakerId, onChosen }: { media: LocalMedia; speakerId: string | null; onChosen: (speaker: MediaDeviceInfo) => void }) {
  const t = useTranslations("devices");
  const [problem, setProblem] = useState<string | null>(null);
  if (!canRequestAudioOutput()) return null;
  const choose = async () => {
    setProblem(null);
    try {
      const speaker = await requestAudioOutput({ deviceId: speakerId });
      media.selectSpeaker(speaker.deviceId);
      onChosen(speaker);
    } catch (error) {
      const key = isCallError(error) && error.code in SPEAKER_PROMPT_MESSAGES ? SPEAKER_PROMPT_MESSAGES[error.code as keyof typeof SPEAKER_PROMPT_MESSAGES] : "failed";
      setProblem(t(`speakerPrompt.${key}`));
    }
  };
  return (
    <>
      <Button type="button" variant="secondary" size="sm" className="mt-2 w-full" onClick={() => void choose()}>
        {t("chooseSpeaker")}
      </Button>
      <p role="status" data-testid="speaker-prompt-status" className="mt-1 text-xs text-slate-600">
        {problem}
      </p>
    </>
  );
}

/**
 * The speakers to offer: none where the browser cannot route audio, and in Firefox also the one picked in its prompt
 * (it is listed only once enumerateDevices catches up). `onChosen` goes to `ChooseSpeakerButton`.
 */
export function useSpeakerChoices(listed: readonly MediaDeviceInfo[]): { speakers: readonly MediaDeviceInfo[]; onChosen: (speaker: MediaDeviceInfo) => void } {
  const [prompted, setPrompted] = useState<MediaDeviceInfo | null>(null);
  if (!supportsAudioOutputSelection()) return { speakers: [], onChosen: setPrompted };
  const speakers = prompted && !listed.some((d) => d.deviceId === prompted.deviceId) ? [...listed, prompted] : listed;
  return { speakers, onChosen: setPrompted };
}
