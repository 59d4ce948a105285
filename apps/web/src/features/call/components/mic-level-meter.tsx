"use client";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/cn";
import { useMicrophoneLevel } from "../use-microphone-level";

/** A live bar of how loud the microphone is, so people see it hears them before they speak to anyone. */
export function MicLevelMeter({ track, muted, className }: { track: MediaStreamTrack | null; muted: boolean; className?: string }) {
  const t = useTranslations("settings");
  const level = useMicrophoneLevel(muted ? null : track);
  return (
    <div
      role="meter"
      aria-label={t("meterLabel")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={level}
      aria-valuetext={muted ? t("meterMuted") : `${level}%`}
      data-testid="mic-level"
      className={cn("h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div className="h-full rounded-full bg-brand-600 transition-[width] duration-75" style={{ width: `${level}%` }} />
    </div>
  );
}
