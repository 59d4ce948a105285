import type { CapacityStep } from "./capacity";
import type { JoinResult } from "./join";
import type { UplinkResult } from "./uplink";
import type { LatencySummary } from "./stats";

const kbps = (bps: number) => `${(bps / 1000).toFixed(0)} kbit/s`;
const pct = (share: number) => `${(share * 100).toFixed(0)} %`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export function renderUplink(results: UplinkResult[]): string {
  const mesh = results.find((r) => r.mode === "mesh");
  const rows = results.map((r) => [
    r.mode,
    `${r.capture.width}x${r.capture.height}@${r.capture.frameRate}`,
    r.layers,
    kbps(r.perPageUplinkBps),
    `${kbps(r.minPageUplinkBps)}..${kbps(r.maxPageUplinkBps)}`,
    kbps(r.perPageVideoBps),
    r.sentFrame,
    r.limitation,
    mesh && r !== mesh ? (r.perPageUplinkBps / mesh.perPageUplinkBps).toFixed(3) : "-",
    `${(r.cpu.benchCores * 100).toFixed(0)} % / ${(r.cpu.machineCores * 100).toFixed(0)} %`,
  ]);
  return [
    "## Client uplink per page (6-person meeting)",
    "",
    table(
      ["mode", "capture", "layers", "uplink/page", "min..max", "video RTP", "sent (top layer)", "limited by", "÷ mesh", "CPU bench / machine"],
      rows,
    ),
    "",
    "uplink = everything the page's transports sent (RTP + RTCP + SRTP/ICE overhead); target SFU ÷ mesh ≤ 0.200.",
  ].join("\n");
}

export function renderCapacity(steps: CapacityStep[], tuning: string): string {
  const rows = steps.map((s) => [
    String(s.subscribers),
    kbps(s.ingressBps),
    `${(s.forwardedBps / 1e6).toFixed(1)}`,
    `${(s.forwardedPps / 1000).toFixed(1)}`,
    `${s.bytesPerPacket.toFixed(0)}`,
    `${(s.loss * 100).toFixed(2)} %`,
    String(s.frozen),
    `${s.publisherFps.toFixed(0)}`,
    `${(s.cpu.processCores * 100).toFixed(0)} %`,
    `${((s.cpu.benchCores - s.cpu.processCores) * 100).toFixed(0)} %`,
    `${(s.cpu.machineCores * 100).toFixed(0)} %`,
    s.mbpsPerJanusCore.toFixed(0),
    s.kppsPerJanusCore.toFixed(1),
    s.janusCpuPercentPerMbps.toFixed(2),
  ]);
  const last = steps[steps.length - 1];
  return [
    `## Janus forwarding capacity (1 publisher → K subscribers; ${tuning})`,
    "",
    table(
      ["K", "ingress", "fwd Mbps", "fwd kpps", "B/pkt", "loss", "frozen", "pub fps", "Janus CPU", "load gen CPU", "machine CPU", "Mbps/Janus core", "kpps/Janus core", "Janus CPU %/Mbps"],
      rows,
    ),
    "",
    `CPU in % of one core (machine: 200 %). Stopped: ${last?.stopReason ?? "all steps ran"}. Target ≥ 250 Mbps per Janus core at < 1 % loss.`,
  ].join("\n");
}

const ms = (s: LatencySummary) => `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.min.toFixed(0)}..${s.max.toFixed(0)} ms`;

export function renderJoin(result: JoinResult): string {
  return [
    "## First remote frame through Janus",
    "",
    table(
      ["what", "runs (failed)", "p50 / p95 / min..max", "of which"],
      [
        [
          "join → first frame (publisher already in room)",
          `${result.joinToFirstFrame.runs} (${result.joinToFirstFrame.failed})`,
          ms(result.joinToFirstFrame),
          `Janus offer back p50 ${result.joinOfferP50.toFixed(0)} ms`,
        ],
        [
          "publish → first frame at an existing participant",
          `${result.publishToFirstFrame.runs} (${result.publishToFirstFrame.failed})`,
          ms(result.publishToFirstFrame),
          `feed announced p50 ${result.publishNoticeP50.toFixed(0)} ms`,
        ],
      ],
    ),
  ].join("\n");
}

export { pct };
