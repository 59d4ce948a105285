"use client";
import type { ConnectionQuality } from "@parley/webrtc-client";
import { Activity, Hand, MicOff, Pin, PinOff, SignalHigh, SignalLow, SignalMedium } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/lib/cn";
import { StatsPanel, type TileStatsSource } from "./stats-panel";
import { TrackVideo } from "./track-video";

export type TileModel = {
  key: string;
  participantId: string;
  name: string;
  isSelf: boolean;
  source: "camera" | "screen";
  track: MediaStreamTrack | null;
  audioMuted: boolean;
  handRaised: boolean;
  quality: ConnectionQuality | null;
  speaking: boolean;
};

const QUALITY_ICON = { good: SignalHigh, fair: SignalMedium, poor: SignalLow } as const;

export function VideoTile({
  tile,
  pinned,
  onTogglePin,
  className,
  stats,
}: {
  tile: TileModel;
  pinned: boolean;
  onTogglePin: () => void;
  className?: string;
  /** Remote camera tiles: offers the connection stats panel. */
  stats?: TileStatsSource;
}) {
  const t = useTranslations("tile");
  const tStats = useTranslations("stats");
  const [statsOpen, setStatsOpen] = useState(false);
  const label = tile.source === "screen" ? t("screen", { name: tile.name }) : tile.isSelf ? t("self", { name: tile.name }) : tile.name;
  const quality = tile.quality && tile.quality !== "unknown" ? tile.quality : null;
  const QualityIcon = quality ? QUALITY_ICON[quality] : null;
  return (
    <figure
      data-testid={tile.source === "screen" ? "screen-tile" : tile.isSelf ? "self-tile" : "remote-tile"}
      data-participant-id={tile.participantId}
      data-muted={tile.audioMuted}
      className={cn(
        "group relative flex aspect-video min-h-0 items-center justify-center overflow-hidden rounded-xl bg-slate-800 ring-2 ring-transparent transition",
        tile.speaking && "ring-emerald-400",
        className,
      )}
    >
      {tile.track ? (
        <TrackVideo track={tile.track} mirrored={tile.isSelf && tile.source === "camera"} label={t("video", { label })} className={tile.source === "screen" ? "object-contain" : "object-cover"} />
      ) : (
        <div aria-hidden className="flex size-16 items-center justify-center rounded-full bg-slate-600 text-2xl font-semibold text-white sm:size-20">
          {tile.name.trim().charAt(0).toUpperCase()}
        </div>
      )}
      <figcaption className="absolute bottom-2 left-2 flex max-w-[80%] items-center gap-1.5 rounded-md bg-slate-900/70 px-2 py-1 text-xs text-white">
        {tile.audioMuted && tile.source === "camera" && <MicOff aria-label={t("micOff")} className="size-3.5 text-red-400" data-testid="muted-indicator" />}
        {tile.handRaised && tile.source === "camera" && <Hand aria-label={t("handRaised")} className="size-3.5 text-amber-300" />}
        <span className="truncate">{label}</span>
        {quality && QualityIcon && <QualityIcon aria-label={t(`quality.${quality}`)} className={cn("size-3.5", tile.quality === "poor" ? "text-red-400" : tile.quality === "fair" ? "text-amber-300" : "text-emerald-300")} />}
      </figcaption>
      <button
        type="button"
        onClick={onTogglePin}
        aria-label={pinned ? t("unpin", { label }) : t("pin", { label })}
        aria-pressed={pinned}
        className="absolute top-2 right-2 rounded-md bg-slate-900/70 p-1.5 text-white opacity-0 group-hover:opacity-100 focus-visible:opacity-100 max-sm:p-3.5 max-sm:opacity-100"
      >
        {pinned ? <PinOff aria-hidden className="size-4" /> : <Pin aria-hidden className="size-4" />}
      </button>
      {stats && (
        <button
          type="button"
          onClick={() => setStatsOpen((open) => !open)}
          aria-label={tStats("title", { name: tile.name })}
          aria-pressed={statsOpen}
          className="absolute top-2 right-11 rounded-md bg-slate-900/70 p-1.5 text-white opacity-0 group-hover:opacity-100 focus-visible:opacity-100 aria-pressed:opacity-100 max-sm:right-16 max-sm:p-3.5 max-sm:opacity-100"
        >
          <Activity aria-hidden className="size-4" />
        </button>
      )}
      {stats && statsOpen && <StatsPanel source={stats} participantId={tile.participantId} name={tile.name} onClose={() => setStatsOpen(false)} />}
    </figure>
  );
}
