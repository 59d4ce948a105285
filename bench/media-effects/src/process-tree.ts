import { readFile, readdir } from "node:fs/promises";
import { loadavg } from "node:os";

const TICKS_PER_SECOND = 100; // Linux USER_HZ

/** CPU seconds (user + system) used so far by every live descendant of `root` (Chromium's browser, GPU, renderer, utility processes). */
export async function descendantsCpuSeconds(root = process.pid): Promise<number> {
  const stats = new Map<number, { parent: number; cpu: number }>();
  for (const name of await readdir("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, "utf8").catch(() => "");
    const rest = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
    if (rest.length < 13) continue;
    stats.set(Number(name), { parent: Number(rest[1]), cpu: (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND });
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = stats.get(pid)?.parent; p !== undefined && p > 1; p = stats.get(p)?.parent) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, { cpu }] of stats) if (isDescendant(pid)) total += cpu;
  return total;
}

export const loadAverage = () => loadavg().map((n) => n.toFixed(2)).join(" ");
