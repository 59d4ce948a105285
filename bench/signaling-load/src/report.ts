import type { LatencySummary } from "./stats";

export interface ScenarioResult {
  /** parley: the product; bare: the raw anchor (a bare socket.io relay, same load). */
  target: "parley" | "bare";
  nodes: number;
  rooms: number;
  targetSockets: number;
  /** As the servers count them (signaling_connected_sockets) at the end of the steady phase. */
  connectedSockets: number;
  joinSeconds: number;
  /** Client events the servers received per second (signaling_events_total). */
  eventsPerSecond: number;
  /** signal:* messages delivered to their addressee per second. */
  relaysPerSecond: number;
  chatDeliveriesPerSecond: number;
  latency: LatencySummary;
  /** Server RSS growth from before the first connection to the end of the steady phase, per connected socket. */
  rssPerSocketKb: number;
  /** Same for the V8 heap in use (signaling_nodejs_heap_size_used_bytes): the part that is the server's own objects. */
  heapPerSocketKb: number;
  serverRssMb: number[];
  /** Percent of one core, per node. */
  serverCpuPercent: number[];
  errors: Record<string, number>;
  disconnects: number;
  /** 1-minute load average of the whole machine at the end of the steady phase (other work shares the cores). */
  loadAverage: number;
  /** Server RSS before the first connection (after start-up work settled), per node. */
  baselineRssMb: number[];
  /** RSS growth per socket right after all joins, before the steady phase. */
  rssAfterJoinPerSocketKb: number;
  /** V8 heap reserved (signaling_nodejs_heap_size_total_bytes) growth per socket: used plus V8's headroom. */
  heapTotalPerSocketKb: number;
  /** Server event-loop delay during the steady phase (worst node). */
  serverLoopDelayMs: { p99: number; max: number };
  /** Server garbage collection during the steady phase (summed over nodes): total pause time, pauses, pauses ≥ 10 ms. */
  serverGc: { totalMs: number; count: number; over10Ms: number };
  /** The client workers' own event-loop delay during the steady phase (worst worker). */
  workerLoopDelayMs: { p99: number; max: number };
  workerCpuPercent: number[];
}

const TARGET = { sockets: 10_000, p99Ms: 50, kbPerSocket: 20 };

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
const list = (values: number[], digits = 0) => values.map((v) => fixed(v, digits)).join(" + ");

/** The markdown table (and how it was made) for RESULTS.md and the README performance section. */
export function renderResults(
  results: ScenarioResult[],
  context: {
    command: string;
    machine: string;
    rate: number;
    durationSeconds: number;
    priority: number;
    /** Runs whose load average passed this are left out of the ratios. */
    maxLoad: number;
    serverCommand: string;
    serverEnv: Record<string, string>;
    serverCpus: string | undefined;
    clientCpus: string | undefined;
  },
): string {
  const rows = results.map((r) => {
    const errors = Object.entries(r.errors)
      .map(([code, n]) => `${code}: ${n}`)
      .join(", ");
    return (
      `| ${r.target === "bare" ? "raw anchor" : "Parley"} | ${r.nodes === 1 ? "1" : `${r.nodes} + Redis`} | ${r.connectedSockets} / ${r.targetSockets} | ${r.rooms} | ${fixed(r.joinSeconds)} ` +
      `| ${fixed(r.eventsPerSecond, 0)} | ${fixed(r.relaysPerSecond, 0)} | ${fixed(r.chatDeliveriesPerSecond, 0)} ` +
      `| ${fixed(r.latency.p50, 2)} | ${fixed(r.latency.p95, 2)} | ${fixed(r.latency.p99, 2)} | ${fixed(r.rssPerSocketKb)} | ${fixed(r.heapPerSocketKb)} | ${list(r.serverRssMb)} ` +
      `| ${list(r.serverCpuPercent)} | ${fixed(r.loadAverage)} | ${errors || "none"}${r.disconnects ? `, ${r.disconnects} disconnects` : ""} |`
    );
  });
  const diagnostics = results.map(
    (r) =>
      `| ${r.target === "bare" ? "raw anchor" : "Parley"} | ${r.nodes === 1 ? "1" : `${r.nodes} + Redis`} | ${r.targetSockets} | ${list(r.baselineRssMb)} | ${fixed(r.rssAfterJoinPerSocketKb)} ` +
      `| ${fixed(r.heapTotalPerSocketKb)} | ${fixed(r.latency.max, 0)} | ${fixed(r.serverLoopDelayMs.p99, 0)} / ${fixed(r.serverLoopDelayMs.max, 0)} ` +
      `| ${fixed(r.serverGc.totalMs, 0)} / ${r.serverGc.count} / ${r.serverGc.over10Ms} ` +
      `| ${fixed(r.workerLoopDelayMs.p99, 0)} / ${fixed(r.workerLoopDelayMs.max, 0)} | ${list(r.workerCpuPercent)} |`,
  );
  const env = Object.entries(context.serverEnv).map(([name, value]) => `${name}=${value} `).join("");
  return [
    "# Signaling load benchmark",
    "",
    `Command: \`${context.command}\``,
    "",
    `Machine: ${context.machine}. Everything on 127.0.0.1: embedded Postgres, redis-server (2-node rows), the signaling`,
    `node(s) as production runs them (\`${env}${context.serverCommand}\` in apps/signaling) and the client worker processes.`,
    ...(context.serverCpus || context.clientCpus
      ? [`Pinned with taskset: servers to CPU ${context.serverCpus ?? "any"}, client workers to CPU ${context.clientCpus ?? "any"}.`]
      : []),
    "",
    `Steady phase: ${context.durationSeconds} s, each socket sends ${context.rate} messages/s to a random peer of its room`,
    "(80% `signal:candidate`, 17% `signal:description` with a ~1.3 KB SDP, 3% `chat:send`, which is stored in Postgres",
    "and broadcast). In 2-node rows the members of each room alternate between the nodes, so most relays cross Redis.",
    ...(context.priority !== 0
      ? ["", `Servers, Redis and client workers ran at nice ${context.priority}: this machine is shared and other jobs kept it busy.`]
      : []),
    "",
    "| server | nodes | sockets (connected / target) | rooms | join all (s) | events in /s | relays delivered /s | chat deliveries /s | relay p50 (ms) | relay p95 (ms) | relay p99 (ms) | RSS per socket (KB) | heap per socket (KB) | server RSS (MB) | server CPU (% of a core) | load avg | errors |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    ...ratioTable(results, context.maxLoad),
    "",
    `Target: ${TARGET.sockets.toLocaleString("en")} sockets, p99 ≤ ${TARGET.p99Ms} ms, ≤ ${TARGET.kbPerSocket} KB per socket.`,
    "Relay latency: from the sender's emit to the addressee's event (client clock, sender and addressee in the same",
    "worker process). RSS per socket: growth of the server's resident memory from before the first connection to the",
    "end of the steady phase, divided by connected sockets (summed over nodes); heap per socket: the same for the V8",
    "heap in use (live objects plus garbage not yet collected). CPU: user+system time of the server",
    "process(es) during the steady phase. The client workers share the same two cores; load avg is the machine's 1-minute",
    "load average at the end of the phase (other jobs were running on this shared machine).",
    "",
    "Where the time and memory go (steady phase unless noted):",
    "",
    "| server | nodes | sockets | server RSS before sockets (MB) | RSS per socket after join (KB) | V8 heap reserved per socket (KB) | relay max (ms) | server loop delay p99 / max (ms) | server GC total ms / pauses / pauses ≥ 10 ms | client worker loop delay p99 / max (ms) | client worker CPU (% of a core) |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
    ...diagnostics,
    "",
  ].join("\n");
}

/**
 * Parley / raw anchor for each one-node scenario that ran both, next to each other in time. Pairs where either
 * run's load average passed `maxLoad` (other jobs took the cores) are listed as discarded, without ratios.
 */
function ratioTable(results: ScenarioResult[], maxLoad: number): string[] {
  const pairs = results.flatMap((ours) => {
    if (ours.target !== "parley" || ours.nodes !== 1) return [];
    const anchor = results.find((r) => r.target === "bare" && r.targetSockets === ours.targetSockets && r.rooms === ours.rooms);
    return anchor ? [{ ours, anchor }] : [];
  });
  if (pairs.length === 0) return [];
  const x = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "n/a");
  const perSocketCpu = (r: ScenarioResult) => (r.serverCpuPercent[0] ?? Number.NaN) / Math.max(1, r.relaysPerSecond);
  return [
    `Parley / raw anchor (bare socket.io relay, same load generator and rate, run just before). Targets: p50 and p95 ≤ 1.3×. Pairs over load average ${maxLoad} are discarded.`,
    "",
    "| sockets | load avg (anchor / Parley) | p50 | p95 | p99 | RSS per socket | server CPU per relay delivered |",
    "|---|---|---|---|---|---|---|",
    ...pairs.map(({ ours, anchor }) => {
      const loads = `${fixed(anchor.loadAverage)} / ${fixed(ours.loadAverage)}`;
      if (Math.max(ours.loadAverage, anchor.loadAverage) > maxLoad) return `| ${ours.targetSockets} | ${loads} | discarded: load over ${maxLoad} | | | | |`;
      return (
        `| ${ours.targetSockets} | ${loads} | ${x(ours.latency.p50, anchor.latency.p50)} | ${x(ours.latency.p95, anchor.latency.p95)} ` +
        `| ${x(ours.latency.p99, anchor.latency.p99)} | ${x(ours.rssPerSocketKb, anchor.rssPerSocketKb)} (${fixed(ours.rssPerSocketKb)} / ${fixed(anchor.rssPerSocketKb)} KB) ` +
        `| ${x(perSocketCpu(ours), perSocketCpu(anchor))} (${list(ours.serverCpuPercent)} / ${list(anchor.serverCpuPercent)} % of a core) |`
      );
    }),
  ];
}
