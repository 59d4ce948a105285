import { QUALITY_REPORT, type QualityReportPayload } from "@parley/protocol";
import { EMPTY_QUALITY_TOTALS, mergeQualityTotals, type QualityTotals } from "@parley/db/quality";
import type { ServerContext } from "../context";
import { SignalingError } from "../errors";
import type { SignalingSocket } from "../io";
import type { QualityMetrics } from "./quality-metrics";

/** How often a participant's quality totals are written to its attendance record (and once more when it leaves). */
export const QUALITY_PERSIST_INTERVAL_MS = 30_000;

/** One report as totals that add up (see @parley/db/quality). */
export function totalsOf(report: QualityReportPayload): QualityTotals {
  const one = (value: number | null) => (value === null ? 0 : 1);
  return {
    ...EMPTY_QUALITY_TOTALS,
    reports: 1,
    rttMsSum: report.rttMs ?? 0,
    rttSamples: one(report.rttMs),
    rttMsMax: report.rttMs ?? 0,
    lossPercentSum: report.packetLossPercent ?? 0,
    lossSamples: one(report.packetLossPercent),
    lossPercentMax: report.packetLossPercent ?? 0,
    inboundKbpsSum: report.inboundKbps ?? 0,
    inboundSamples: one(report.inboundKbps),
    outboundKbpsSum: report.outboundKbps ?? 0,
    outboundSamples: one(report.outboundKbps),
    jitterMsMax: report.jitterMs ?? 0,
    relayReports: report.path === "relay" ? 1 : 0,
    directReports: report.path === "direct" ? 1 : 0,
    timeToFirstFrameMs: report.timeToFirstFrameMs,
    iceFailures: report.iceFailures,
    videoCodec: report.videoCodec,
  };
}

interface SocketQuality {
  lastReportAt: number;
  lastWriteAt: number;
  attendanceId: string | null;
  /** Reported since the last write. */
  pending: QualityTotals | null;
}

export interface QualityRecorder {
  /** A validated report from a member: throttle, count in the metrics, keep for the attendance record. */
  accept(socket: SignalingSocket, report: QualityReportPayload, attendanceId: string | null): void;
}

/**
 * Per socket: at most one report per `QUALITY_REPORT.minIntervalMs` (`rate_limited` otherwise, nothing counted), and
 * totals written to the attendance record on the first report, then at most every QUALITY_PERSIST_INTERVAL_MS and
 * when the socket goes. A WeakMap, so a closed socket leaves nothing behind.
 */
export function createQualityRecorder(ctx: Pick<ServerContext, "db" | "clock" | "logger">, metrics: QualityMetrics): QualityRecorder {
  const sockets = new WeakMap<SignalingSocket, SocketQuality>();

  const write = (state: SocketQuality) => {
    const { pending, attendanceId } = state;
    state.pending = null;
    if (!pending || !attendanceId) return;
    ctx.db.participants.recordQuality(attendanceId, pending).catch((error: unknown) => {
      ctx.logger.error({ err: error, attendanceId }, "recording call quality failed");
    });
  };

  return {
    accept(socket, report, attendanceId) {
      const now = ctx.clock.now().getTime();
      let state = sockets.get(socket);
      if (state && now - state.lastReportAt < QUALITY_REPORT.minIntervalMs) {
        throw new SignalingError("rate_limited", "Quality reports are accepted at most every few seconds.");
      }
      if (!state) {
        state = { lastReportAt: now, lastWriteAt: 0, attendanceId, pending: null };
        sockets.set(socket, state);
        const mine = state;
        socket.once("disconnect", () => write(mine));
      }
      state.lastReportAt = now;
      metrics.observe(report);
      // A new attendance (the member re-joined on this socket): what is pending belongs to the old one.
      if (state.attendanceId !== attendanceId) write(state);
      state.attendanceId = attendanceId;
      state.pending = mergeQualityTotals(state.pending ?? EMPTY_QUALITY_TOTALS, totalsOf(report));
      if (now - state.lastWriteAt >= QUALITY_PERSIST_INTERVAL_MS) {
        state.lastWriteAt = now;
        write(state);
      }
    },
  };
}
