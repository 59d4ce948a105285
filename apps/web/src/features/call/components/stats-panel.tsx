"use client";
import type { VideoLayer } from "@parley/protocol";
import type { Call } from "@parley/webrtc-client";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { type StatsLabels, statsRows } from "../stats-rows";
import { useParticipantStats } from "../use-participant-stats";

/** Where a tile's stats come from: the call, and the SFU layer we asked for (undefined in a mesh call). */
export type TileStatsSource = { call: Call; layer?: VideoLayer };

/** "Stats for nerds" over a remote participant's tile: what getStats says about their media, refreshed every second. */
export function StatsPanel({ source, participantId, name, onClose }: { source: TileStatsSource; participantId: string; name: string; onClose: () => void }) {
  const t = useTranslations("stats");
  const stats = useParticipantStats(source.call, participantId);
  const labels: StatsLabels = {
    videoCodec: t("videoCodec"), audioCodec: t("audioCodec"), resolution: t("resolution"), frameRate: t("frameRate"),
    bitrateIn: t("bitrateIn"), bitrateOut: t("bitrateOut"), rtt: t("rtt"), jitter: t("jitter"), loss: t("loss"),
    connection: t("connection"), sfuLayer: t("sfuLayer"), unknown: "—", relay: t("relay"), direct: t("direct"),
    layer: { high: t("layerHigh"), low: t("layerLow"), off: t("layerOff") },
  };
  return (
    <section
      aria-label={t("title", { name })}
      data-testid="stats-panel"
      className="absolute top-2 left-2 z-10 max-h-[calc(100%-1rem)] max-w-[calc(100%-1rem)] overflow-auto rounded-md bg-slate-950/85 p-2 font-mono text-[11px] leading-snug text-slate-100"
    >
      <div className="mb-1 flex items-center justify-between gap-3">
        <h3 className="truncate font-sans text-xs font-semibold">{t("title", { name })}</h3>
        <button type="button" onClick={onClose} aria-label={t("close")} className="rounded p-0.5 hover:bg-slate-700">
          <X aria-hidden className="size-3.5" />
        </button>
      </div>
      {stats ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3">
          {statsRows(stats, source.layer, labels).map((row) => (
            <div key={row.key} className="contents" data-testid={`stat-${row.key}`}>
              <dt className="text-slate-400">{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p>{t("waiting")}</p>
      )}
    </section>
  );
}
