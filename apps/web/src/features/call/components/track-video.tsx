"use client";
import { useEffect, useRef } from "react";
import { cn } from "@/lib/cn";

/** A <video> showing one track (muted: audio plays through RemoteAudio). */
export function TrackVideo({ track, mirrored = false, className, label }: { track: MediaStreamTrack; mirrored?: boolean; className?: string; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    void video.play().catch(() => {});
    return () => {
      video.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      aria-label={label}
      data-track-id={track.id}
      className={cn("h-full w-full bg-slate-900", mirrored && "-scale-x-100", className)}
    />
  );
}
