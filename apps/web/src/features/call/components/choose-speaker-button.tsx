"use client";
import type { CallErrorCode, LocalMedia } from "@parley/webrtc-client";
import { canRequestAudioOutput, isCallError, requestAudioOutput } from "@parley/webrtc-client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Why the browser's speaker prompt gave no speaker, in the user's words; audio keeps playing where it did. */
const SPEAKER_PROMPT_MESSAGES: Partial<Record<CallErrorCode, string>> = {
  no_device: "No other speaker was found. Sound plays on the system default.",
  permission_denied: "No speaker was chosen. Sound plays where it did.",
  invalid_state: "The browser did not open its speaker list. Click “Choose speaker…” again.",
};
const SPEAKER_PROMPT_FAILED = "The speaker could not be changed. Sound plays where it did.";

/**
 * "Choose speaker…" for browsers that list speakers only through their own prompt (Firefox's selectAudioOutput):
 * the chosen speaker becomes the call's speaker and is handed to `onChosen` (add it to the speaker list).
 * Renders nothing where the browser has no such prompt (Chromium lists every speaker itself).
 */
export function ChooseSpeakerButton({ media, speakerId, onChosen }: { media: LocalMedia; speakerId: string | null; onChosen: (speaker: MediaDeviceInfo) => void }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (!canRequestAudioOutput()) return null;
  const choose = async () => {
    setProblem(null);
    try {
      const speaker = await requestAudioOutput({ deviceId: speakerId });
      media.selectSpeaker(speaker.deviceId);
      onChosen(speaker);
    } catch (error) {
      setProblem((isCallError(error) && SPEAKER_PROMPT_MESSAGES[error.code]) || SPEAKER_PROMPT_FAILED);
    }
  };
  return (
    <>
      <Button type="button" variant="secondary" size="sm" className="mt-2 w-full" onClick={() => void choose()}>
        Choose speaker…
      </Button>
      <p role="status" data-testid="speaker-prompt-status" className="mt-1 text-xs text-slate-600">
        {problem}
      </p>
    </>
  );
}
