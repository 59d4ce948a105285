import type { QualitySummary } from "@parley/db/quality";

export const text = {
  heading: "Call quality",
  none: "Not reported",
  rtt: (ms: number) => `RTT ${ms} ms`,
  loss: (percent: string) => `loss ${percent} %`,
  inbound: (kbps: number) => (kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mbit/s in` : `${kbps} kbit/s in`),
  relayed: (percent: number) => (percent >= 99.5 ? "relayed (TURN)" : percent < 0.5 ? "direct" : `${percent} % relayed`),
  firstFrame: (seconds: string) => `first video ${seconds} s`,
  iceFailures: (n: number) => (n === 1 ? "1 connection failed" : `${n} connections failed`),
  title: (reports: number) => `Averages over ${reports} report${reports === 1 ? "" : "s"} from this person's browser`,
};

/** One attendee's call quality in a line: averages of what their browser reported, parts left out when unknown. */
export function CallQuality({ quality }: { quality: QualitySummary | null }) {
  if (!quality) return <span className="text-slate-500">{text.none}</span>;
  const parts = [
    quality.rttMsAvg !== null && text.rtt(Math.round(quality.rttMsAvg)),
    quality.lossPercentAvg !== null && text.loss(quality.lossPercentAvg.toFixed(1)),
    quality.inboundKbpsAvg !== null && text.inbound(Math.round(quality.inboundKbpsAvg)),
    quality.relayShare !== null && text.relayed(Math.round(quality.relayShare * 100)),
    quality.timeToFirstFrameMs !== null && text.firstFrame((quality.timeToFirstFrameMs / 1000).toFixed(1)),
    quality.iceFailures > 0 && text.iceFailures(quality.iceFailures),
  ].filter((part): part is string => typeof part === "string");
  return (
    <span data-testid="attendee-quality" title={text.title(quality.reports)}>
      {parts.join(" · ")}
    </span>
  );
}
