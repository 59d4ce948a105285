import type { LatencySummary } from "./stats";

export interface ScenarioResult {
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
      `| ${r.nodes === 1 ? "1" : `${r.nodes} + Redis`} | ${r.connectedSockets} / ${r.targetSockets} | ${r.rooms} | ${fixed(r.joinSeconds)} ` +
      `| ${fixed(r.eventsPerSecond, 0)} | ${fixed(r.relaysPerSecond, 0)} | ${fixed(r.chatDeliveriesPerSecond, 0)} ` +
      `| ${fixed(r.latency.p50, 2)} | ${fixed(r.latency.p99, 2)} | ${fixed(r.rssPerSocketKb)} | ${fixed(r.heapPerSocketKb)} | ${list(r.serverRssMb)} ` +
      `| ${list(r.serverCpuPercent)} | ${fixed(r.loadAverage)} | ${errors || "none"}${r.disconnects ? `, ${r.disconnects} disconnects` : ""} |`
    );
  });
  const diagnostics = results.map(
    (r) =>
      `| ${r.nodes === 1 ? "1" : `${r.nodes} + Redis`} | ${r.targetSockets} | ${list(r.baselineRssMb)} | ${fixed(r.rssAfterJoinPerSocketKb)} ` +
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
    "| nodes | sockets (connected / target) | rooms | join all (s) | events in /s | relays delivered /s | chat deliveries /s | relay p50 (ms) | relay p99 (ms) | RSS per socket (KB) | heap per socket (KB) | server RSS (MB) | server CPU (% of a core) | load avg | errors |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows,
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
    "| nodes | sockets | server RSS before sockets (MB) | RSS per socket after join (KB) | V8 heap reserved per socket (KB) | relay max (ms) | server loop delay p99 / max (ms) | server GC total ms / pauses / pauses ≥ 10 ms | client worker loop delay p99 / max (ms) | client worker CPU (% of a core) |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...diagnostics,
    "",
  ].join("\n");
}
