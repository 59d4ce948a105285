"use client";
import { setAudioOutput } from "@parley/webrtc-client";
import { useEffect, useRef } from "react";

/** Plays one participant's microphone on the chosen speaker (where the browser lets us choose). */
export function RemoteAudio({ track, speakerId, participantId }: { track: MediaStreamTrack; speakerId: string | null; participantId: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    void audio.play().catch(() => {});
    return () => {
      audio.srcObject = null;
    };
  }, [track]);
  useEffect(() => {
    if (ref.current && speakerId) void setAudioOutput(ref.current, speakerId).catch(() => {});
  }, [speakerId]);
  return <audio ref={ref} autoPlay data-participant-audio={participantId} />;
}
