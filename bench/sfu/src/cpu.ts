import { readFileSync, readdirSync } from "node:fs";
import { cpus } from "node:os";

/** Kernel clock ticks per second in /proc (USER_HZ: 100 on every mainstream Linux build). */
const CLOCK_TICKS = 100;

export interface CpuSample {
  atMs: number;
  /** user + system seconds of the watched process (NaN when it is gone). */
  processSeconds: number;
  /** user + system seconds of this bench's whole process tree (node, Chromium, Janus). */
  treeSeconds: number;
  /** Machine-wide busy and total seconds summed over all cores (/proc/stat). */
  machineBusySeconds: number;
  machineTotalSeconds: number;
}

/** Parent pid and user + system seconds of `pid`, or null when it is gone. */
function readStat(pid: number): { ppid: number; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // NOTE: the command name (field 2) may contain spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

function processSeconds(pid: number | undefined): number {
  return pid === undefined ? Number.NaN : (readStat(pid)?.seconds ?? Number.NaN);
}

/**
 * CPU seconds of `root` and all its descendants. The machine is shared (other engineers' test runs): this separates
 * what the bench itself burns from everything else.
 */
function treeSeconds(root: number): number {
  const stats = new Map<number, { ppid: number; seconds: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) stats.set(Number(entry), stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let total = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    total += stats.get(pid)?.seconds ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

function machineSeconds(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, v) => sum + v, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/** Sample the CPU time of process `pid` and of the whole machine. */
export function sampleCpu(pid: number | undefined): CpuSample {
  const machine = machineSeconds();
  return {
    atMs: Date.now(),
    processSeconds: processSeconds(pid),
    treeSeconds: treeSeconds(process.pid),
    machineBusySeconds: machine.busy, machineTotalSeconds: machine.total };
}

export interface CpuUse {
  /** Cores used by the process (1.0 = one full core). */
  processCores: number;
  /** Cores used by this bench's process tree (Janus, Chromium, node). */
  benchCores: number;
  /** Cores used by the whole machine (other workloads included), out of `cores`. */
  machineCores: number;
  cores: number;
}

/** CPU use between two samples. */
export function cpuUse(from: CpuSample, to: CpuSample): CpuUse {
  const seconds = (to.atMs - from.atMs) / 1000;
  const cores = cpus().length;
  const totalDelta = to.machineTotalSeconds - from.machineTotalSeconds;
  return {
    processCores: (to.processSeconds - from.processSeconds) / seconds,
    benchCores: (to.treeSeconds - from.treeSeconds) / seconds,
    machineCores: totalDelta > 0 ? ((to.machineBusySeconds - from.machineBusySeconds) / totalDelta) * cores : Number.NaN,
    cores,
  };
}
