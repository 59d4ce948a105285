import { readFile, readdir } from "node:fs/promises";
import { loadavg } from "node:os";

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds used by `pid` so far (user + system), from /proc. */
export async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds of this process' children that have exited (cutime + cstime). */
export async function finishedChildrenCpuSeconds(): Promise<number> {
  const fields = (await readFile("/proc/self/stat", "utf8")).split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

/** Resident memory of `pid` in MB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Pids of this process' direct children named `comm`. */
export async function childrenNamed(comm: string): Promise<number[]> {
  const found: number[] = [];
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    const [, rest] = stat.split(") ");
    if (!rest || !stat.includes(`(${comm})`)) continue;
    if (Number(rest.split(" ")[1]) === process.pid) found.push(Number(name));
  }
  return found;
}

export const loadAverage = () => loadavg().map((n) => n.toFixed(2)).join(" ");
