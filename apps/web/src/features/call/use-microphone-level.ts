"use client";
import { useEffect, useState } from "react";
import { levelFromSamples, meterPercent, nextMeterLevel } from "./audio-level";

/** Readings per second; each looks at a window at least as long as the gap between readings, so no peak is missed. */
const READ_EVERY_MS = 40;
const WINDOW_SAMPLES = 2048;

/**
 * The live loudness (0..100) of a microphone track, read with WebAudio's AnalyserNode. A disabled (muted) track reads
 * 0. Nothing is played back: the analyser is not connected to the speakers.
 */
export function useMicrophoneLevel(track: MediaStreamTrack | null): number {
  const [percent, setPercent] = useState(0);
  useEffect(() => {
    if (!track || typeof AudioContext === "undefined") return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = WINDOW_SAMPLES;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let shown = 0;
    const read = () => {
      analyser.getFloatTimeDomainData(samples);
      shown = nextMeterLevel(shown, levelFromSamples(samples));
      setPercent(meterPercent(shown)); // React skips the render when the number is unchanged
    };
    const timer = setInterval(read, READ_EVERY_MS);
    // NOTE: a page without a click or key press yet gets a suspended AudioContext (autoplay policy); resume on the first.
    const resume = () => void context.resume().catch(() => undefined);
    resume();
    document.addEventListener("pointerdown", resume, { once: true });
    document.addEventListener("keydown", resume, { once: true });
    return () => {
      clearInterval(timer);
      document.removeEventListener("pointerdown", resume);
      document.removeEventListener("keydown", resume);
      source.disconnect();
      void context.close().catch(() => undefined);
      setPercent(0);
    };
  }, [track]);
  return percent;
}
