import { describe, expect, it } from "vitest";
import { cpuPercent, metricSum, percentile, sampleProcess, summarize } from "./stats";

describe("stats", () => {
  it("computes nearest-rank percentiles", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarize(values)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99, max: 100 });
    expect(percentile([], 50)).toBeNaN();
    expect(percentile([7], 99)).toBe(7);
  });

  it("sums a Prometheus metric over its labels", () => {
    const text = [
      "# HELP signaling_events_total Client events received",
      'signaling_events_total{event="room:join"} 10',
      'signaling_events_total{event="signal:candidate"} 32',
      "signaling_events_totally_else 5",
      "signaling_connected_sockets 7",
    ].join("\n");
    expect(metricSum(text, "signaling_events_total")).toBe(42);
    expect(metricSum(text, "signaling_connected_sockets")).toBe(7);
    expect(metricSum(text, "signaling_events_total", 'event="room:join"')).toBe(10);
    expect(metricSum(text, "signaling_connected_sockets", 'le="1"')).toBe(0);
  });

  it("samples this process from /proc", () => {
    const first = sampleProcess(process.pid);
    let spin = 0;
    for (let i = 0; i < 5e6; i++) spin += i;
    const second = sampleProcess(process.pid);
    expect(spin).toBeGreaterThan(0);
    expect(first.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(second.cpuSeconds).toBeGreaterThanOrEqual(first.cpuSeconds);
    expect(Number.isFinite(cpuPercent(first, { ...second, atMs: first.atMs + 1000 }))).toBe(true);
  });
});
