import { readFileSync } from "node:fs";
import { percentile } from "@parley/test-support";

export { percentile };

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(values: number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) };
}

/** Kernel clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every mainstream Linux build). */
const CLOCK_TICKS = 100;

export interface ProcessSample {
  atMs: number;
  rssBytes: number;
  /** User + system CPU time, seconds. */
  cpuSeconds: number;
}

/** RSS and CPU time of a process, from /proc. */
export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  // NOTE: the command name (field 2) may contain spaces; count fields after its closing parenthesis.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { atMs: Date.now(), rssBytes: rssKb * 1024, cpuSeconds: ticks / CLOCK_TICKS };
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(from: ProcessSample, to: ProcessSample): number {
  return ((to.cpuSeconds - from.cpuSeconds) / ((to.atMs - from.atMs) / 1000)) * 100;
}

/** Sum of the samples of one metric (all label sets, or those containing `label`, e.g. 'le="0.01"') in a Prometheus text exposition. */
export function metricSum(text: string, name: string, label?: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!(line.startsWith(`${name} `) || line.startsWith(`${name}{`))) continue;
    if (label !== undefined && !line.slice(name.length, line.lastIndexOf("}") + 1).includes(label)) continue;
    sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}
