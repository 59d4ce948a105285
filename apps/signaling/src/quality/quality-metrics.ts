import { candidatePathSchema, videoCodecFamilySchema, type QualityReportPayload } from "@parley/protocol";
import { Counter, Histogram, type Registry } from "prom-client";

/**
 * Call quality as clients report it (`quality:report`), per signaling node. Label values come only from the
 * protocol's closed enums (path, codec family) and fixed strings here: a client cannot add a time series.
 */
export interface QualityMetrics {
  observe(report: QualityReportPayload): void;
}

export function createQualityMetrics(registry: Registry): QualityMetrics {
  const registers = [registry];
  const reports = new Counter({
    name: "signaling_call_quality_reports_total",
    help: "Quality reports accepted, by media path of the reporting client (relay share = relay / all)",
    labelNames: ["path"],
    registers,
  });
  const videoCodec = new Counter({
    name: "signaling_call_video_codec_reports_total",
    help: "Quality reports accepted, by the codec family of the video the client received",
    labelNames: ["codec"],
    registers,
  });
  const rtt = new Histogram({
    name: "signaling_call_rtt_seconds",
    help: "Round-trip time of the clients' selected ICE candidate pairs (median per report)",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2],
    registers,
  });
  const jitter = new Histogram({
    name: "signaling_call_jitter_seconds",
    help: "Highest inbound jitter per report",
    buckets: [0.001, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2],
    registers,
  });
  const loss = new Histogram({
    name: "signaling_call_packet_loss_ratio",
    help: "Inbound packet loss per report (0-1)",
    buckets: [0, 0.001, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.5],
    registers,
  });
  const bitrate = new Histogram({
    name: "signaling_call_bitrate_bits_per_second",
    help: "Total media bitrate of a client per report, by direction (inbound, outbound)",
    labelNames: ["direction"],
    buckets: [16e3, 64e3, 128e3, 256e3, 512e3, 1e6, 2e6, 4e6, 8e6, 16e6],
    registers,
  });
  const firstFrame = new Histogram({
    name: "signaling_call_time_to_first_frame_seconds",
    help: "Join to the first decoded remote video frame (once per join)",
    buckets: [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30],
    registers,
  });
  const iceFailures = new Counter({
    name: "signaling_call_ice_failures_total",
    help: "Client connections that reached ICE state failed",
    registers,
  });
  // Every series exists from the start (zero), so dashboards see the full, fixed label set.
  for (const path of candidatePathSchema.options) reports.inc({ path }, 0);
  for (const codec of videoCodecFamilySchema.options) videoCodec.inc({ codec }, 0);
  for (const direction of ["inbound", "outbound"] as const) bitrate.zero({ direction });

  return {
    observe(report) {
      reports.inc({ path: report.path });
      videoCodec.inc({ codec: report.videoCodec });
      if (report.rttMs !== null) rtt.observe(report.rttMs / 1000);
      if (report.jitterMs !== null) jitter.observe(report.jitterMs / 1000);
      if (report.packetLossPercent !== null) loss.observe(report.packetLossPercent / 100);
      if (report.inboundKbps !== null) bitrate.observe({ direction: "inbound" }, report.inboundKbps * 1000);
      if (report.outboundKbps !== null) bitrate.observe({ direction: "outbound" }, report.outboundKbps * 1000);
      if (report.timeToFirstFrameMs !== null) firstFrame.observe(report.timeToFirstFrameMs / 1000);
      if (report.iceFailures > 0) iceFailures.inc(report.iceFailures);
    },
  };
}
