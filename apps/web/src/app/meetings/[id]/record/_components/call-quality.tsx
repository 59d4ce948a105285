import type { QualitySummary } from "@parley/db/quality";
import { useTranslations } from "next-intl";


/** One attendee's call quality in a line: averages of what their browser reported, parts left out when unknown. */
export function CallQuality({ quality }: { quality: QualitySummary | null }) {
  const t = useTranslations("record.quality");
  if (!quality) return <span className="text-slate-500">{t("none")}</span>;
  const inbound = (kbps: number) => (kbps >= 1000 ? t("inboundMbps", { value: (kbps / 1000).toFixed(1) }) : t("inboundKbps", { value: kbps }));
  const relayed = (percent: number) => (percent >= 99.5 ? t("relayedAll") : percent < 0.5 ? t("direct") : t("relayedShare", { percent }));
  const parts = [
    quality.rttMsAvg !== null && t("rtt", { ms: Math.round(quality.rttMsAvg) }),
    quality.lossPercentAvg !== null && t("loss", { percent: quality.lossPercentAvg.toFixed(1) }),
    quality.inboundKbpsAvg !== null && inbound(Math.round(quality.inboundKbpsAvg)),
    quality.relayShare !== null && relayed(Math.round(quality.relayShare * 100)),
    quality.timeToFirstFrameMs !== null && t("firstFrame", { seconds: (quality.timeToFirstFrameMs / 1000).toFixed(1) }),
    quality.iceFailures > 0 && t("iceFailures", { count: quality.iceFailures }),
  ].filter((part): part is string => typeof part === "string");
  return (
    <span data-testid="attendee-quality" title={t("title", { reports: quality.reports })}>
      {parts.join(" · ")}
    </span>
  );
}
