"use client";
import { Circle, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/cn";

/**
 * The record control of the host and co-hosts. Starting asks first (`onRequestStart` opens the control bar's
 * confirmation: everyone in the call is told); stopping is immediate, as stopping a recording by mistake costs less
 * than starting one nobody agreed to.
 */
export function RecordButton(p: { recording: boolean; pending: boolean; onRequestStart: () => void; onStop: () => void; className?: string }) {
  const t = useTranslations("record");
  const round = cn("relative flex size-11 shrink-0 items-center justify-center rounded-full transition-colors disabled:opacity-40 sm:size-12 [&_svg]:size-5", p.className);
  return p.recording ? (
    <button type="button" aria-label={t("stop")} title={t("stop")} disabled={p.pending} onClick={p.onStop} className={cn(round, "bg-red-600 text-white hover:bg-red-700")}>
      <Square aria-hidden className="fill-current" />
    </button>
  ) : (
    <button type="button" aria-label={t("start")} title={t("start")} disabled={p.pending} onClick={p.onRequestStart} className={cn(round, "bg-slate-700 text-white hover:bg-slate-600")}>
      <Circle aria-hidden className="fill-red-500 text-red-500" />
    </button>
  );
}
