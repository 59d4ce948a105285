// Signaling load benchmark. Starts an embedded Postgres, optionally redis-server, 1..n production signaling nodes
// (`node apps/signaling/dist/main.js`), and client worker processes that open N sockets in M rooms and exchange
// offers, ICE candidates and chat at a steady rate. Prints (and saves) a markdown table.
//
// With `--target both` (the default) every one-node scenario runs first against the raw anchor (bare-relay.ts: a bare
// socket.io relay, same load generator, same rates), then against the product, and the ratios are printed.
//
//   pnpm --filter @parley/bench-signaling-load bench -- --scenarios 1000:100,5000:500,10000:1000 --nodes 1,2
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, setPriority, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb } from "@parley/db";
import { startTestDatabase } from "@parley/db/testing";
import { startRedis } from "@parley/test-support";
import { createRooms } from "./meetings";
import type { FromWorker, RoomPlan, WorkerJoined, WorkerResult } from "./plan";
import { renderResults, type ScenarioResult } from "./report";
import { BENCH_METRICS_TOKEN, pinToCpus, productionCommand, startBareRelay, startSignalingNode, type NodeCommand, type SignalingNode } from "./servers";
import { cpuPercent, metricSum, sampleProcess, summarize, type ProcessSample } from "./stats";

const here = dirname(fileURLToPath(import.meta.url));
const cliArgs = process.argv.slice(2).filter((arg, index) => !(index === 0 && arg === "--"));
const repoRoot = resolve(here, "../../..");

const optionsSchema = z.object({
  scenarios: z
    .string()
    .default("1000:100,5000:500,10000:1000")
    .transform((value) =>
      value.split(",").map((pair) => {
        const [sockets, rooms] = pair.split(":").map(Number);
        return z.object({ sockets: z.number().int().min(2), rooms: z.number().int().min(1) }).parse({ sockets, rooms });
      }),
    ),
  nodes: z
    .string()
    .default("1,2")
    .transform((value) => value.split(",").map((n) => z.coerce.number().int().min(1).max(8).parse(n))),
  rate: z.coerce.number().positive().default(0.2),
  duration: z.coerce.number().positive().default(30),
  socketsPerWorker: z.coerce.number().int().positive().default(2500),
  joinConcurrency: z.coerce.number().int().positive().default(50),
  /** Extra Node flags for the servers, after the ones of the production start script (experiments only). */
  serverNodeArgs: z
    .string()
    .default("")
    .transform((value) => value.split(/\s+/).filter(Boolean)),
  /** Extra environment for the servers, e.g. "MALLOC_ARENA_MAX=2" (space-separated NAME=value, experiments only). */
  serverEnv: z
    .string()
    .default("")
    .transform((value) =>
      Object.fromEntries(
        value
          .split(/\s+/)
          .filter(Boolean)
          .map((pair) => z.string().regex(/^[A-Z_][A-Z0-9_]*=/).parse(pair))
          .map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]),
      ) as Record<string, string>,
    ),
  /** CPU lists (taskset) to pin the servers and the client workers to, e.g. "0" and "1"; unset: no pinning. */
  serverCpus: z.string().optional(),
  clientCpus: z.string().optional(),
  /** Scheduling priority (nice, -20..19) for the servers, Redis and the client workers; 0 leaves it alone. */
  priority: z.coerce.number().int().min(-20).max(19).default(0),
  out: z.string().default(join(here, "../RESULTS.md")),
  /** parley: the product only; bare: the raw anchor only; both: the anchor, then the product, per one-node scenario. */
  target: z.enum(["parley", "bare", "both"]).default("both"),
  /** A run whose 1-minute load average passed this (other jobs took the cores) is left out of the ratios. */
  maxLoad: z.coerce.number().positive().default(cpus().length * 1.5),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    // NOTE: `pnpm ... bench -- --flag` hands the script a literal "--" first; it is not an end-of-options marker here.
    args: cliArgs,
    options: {
      scenarios: { type: "string" },
      nodes: { type: "string" },
      rate: { type: "string" },
      duration: { type: "string" },
      "sockets-per-worker": { type: "string" },
      "join-concurrency": { type: "string" },
      out: { type: "string" },
      priority: { type: "string" },
      "server-node-args": { type: "string" },
      "server-env": { type: "string" },
      "server-cpus": { type: "string" },
      "client-cpus": { type: "string" },
      target: { type: "string" },
      "max-load": { type: "string" },
    },
    allowPositionals: true,
  });
  const options = optionsSchema.parse({
    ...values,
    socketsPerWorker: values["sockets-per-worker"],
    joinConcurrency: values["join-concurrency"],
    serverNodeArgs: values["server-node-args"],
    serverEnv: values["server-env"],
    serverCpus: values["server-cpus"],
    clientCpus: values["client-cpus"],
    maxLoad: values["max-load"],
  });
  const command = productionCommand(repoRoot);
  const logDir = mkdtempSync(join(tmpdir(), "parley-bench-"));
  const secret = randomBytes(32).toString("base64url");
  print(`logs in ${logDir}`);

  const database = await startTestDatabase();
  const db = createDb(database.url);
  const results: ScenarioResult[] = [];
  try {
    for (const nodeCount of options.nodes) {
      for (const scenario of options.scenarios) {
        print(`\n== ${scenario.sockets} sockets in ${scenario.rooms} rooms, ${nodeCount} node(s)`);
        const rooms = await createRooms(db, scenario.rooms, Math.ceil(scenario.sockets / scenario.rooms));
        const targets: Target[] = options.target === "both" ? (nodeCount === 1 ? ["bare", "parley"] : ["parley"]) : [options.target];
        for (const target of targets) {
          if (target === "bare" && nodeCount > 1) continue; // the anchor is one process
          print(`-- ${target === "bare" ? "raw anchor (bare socket.io relay)" : "Parley"}; load average before: ${loadavg().map((n) => n.toFixed(2)).join(" ")}`);
          const result = await runScenario({ ...options, target, command, nodeCount, rooms, sockets: scenario.sockets, databaseUrl: database.url, secret, logDir });
          print(result);
          results.push(result);
        }
      }
    }
  } finally {
    await db.close();
    await database.stop();
  }

  const markdown = renderResults(results, {
    command: `pnpm --filter @parley/bench-signaling-load bench -- ${cliArgs.join(" ")}`.trim(),
    serverCommand: ["node", ...command.nodeArgs, ...options.serverNodeArgs, command.entry].join(" "),
    serverEnv: { ...command.env, ...options.serverEnv },
    serverCpus: options.serverCpus,
    clientCpus: options.clientCpus,
    machine: `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
    rate: options.rate,
    durationSeconds: options.duration,
    priority: options.priority,
    maxLoad: options.maxLoad,
  });
  print(`\n${markdown}`);
  writeFileSync(options.out, markdown);
  print(`saved to ${options.out}`);
}

type Target = "parley" | "bare";

interface ScenarioInput {
  target: Target;
  nodeCount: number;
  rooms: RoomPlan[];
  sockets: number;
  databaseUrl: string;
  secret: string;
  logDir: string;
  rate: number;
  duration: number;
  socketsPerWorker: number;
  joinConcurrency: number;
  priority: number;
  command: NodeCommand;
  serverNodeArgs: string[];
  serverEnv: Record<string, string>;
  serverCpus?: string | undefined;
  clientCpus?: string | undefined;
}

async function runScenario(input: ScenarioInput): Promise<ScenarioResult> {
  const bare = input.target === "bare";
  const redis = input.nodeCount > 1 && !bare ? await startRedis({ maxClients: 1000 }) : undefined;
  const nodes: SignalingNode[] = [];
  const workers: ChildProcess[] = [];
  let finished = false;
  // One key prefix per scenario: the nodes of a cluster must share it.
  const keyPrefix = `bench${Date.now()}`;
  try {
    if (bare) nodes.push(await startBareRelay({ benchDir: resolve(here, ".."), logDir: input.logDir, nodeArgs: [...input.command.nodeArgs, ...input.serverNodeArgs] }));
    for (let index = 0; index < (bare ? 0 : input.nodeCount); index++) {
      nodes.push(
        await startSignalingNode({
          repoRoot,
          databaseUrl: input.databaseUrl,
          secret: input.secret,
          redisUrl: redis?.url,
          keyPrefix,
          logDir: input.logDir,
          index,
          roomCapacity: Math.max(...input.rooms.map((room) => room.people.length)),
          command: input.command,
          extraNodeArgs: input.serverNodeArgs,
          extraEnv: input.serverEnv,
        }),
      );
    }
    // NOTE: on a shared machine other jobs compete for the two cores; a raised priority measures our code, not theirs.
    const prioritize = (pid: number | undefined) => {
      if (input.priority !== 0 && pid !== undefined) setPriority(pid, input.priority);
    };
    [...nodes.map((node) => node.pid), redis?.pid].forEach(prioritize);
    if (input.serverCpus) for (const node of nodes) pinToCpus(node.pid, input.serverCpus);
    // NOTE: main.ts warms the database client up after listening; take the memory baseline once that is done,
    // or its memory is counted as the sockets'.
    await waitUntilIdle(nodes.map((node) => node.pid));
    const baseline = nodes.map((node) => sampleProcess(node.pid));
    const baselineMetrics = await Promise.all(nodes.map((node) => scrape(node.url)));

    // Whole rooms per worker, so every relay is measured by one clock.
    const workerCount = Math.max(1, Math.ceil(input.sockets / input.socketsPerWorker));
    const slices: RoomPlan[][] = Array.from({ length: workerCount }, () => []);
    input.rooms.forEach((room, i) => slices[i % workerCount]?.push(room));
    const joinStarted = Date.now();
    const joined = await Promise.all(
      slices.map((rooms) => {
        const worker = fork(join(here, "worker.ts"), [], { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
        workers.push(worker);
        worker.once("exit", (code, signal) => {
          if (!finished) print(`client worker ${worker.pid} exited early: code ${code}, signal ${signal}`);
        });
        prioritize(worker.pid);
        if (input.clientCpus && worker.pid !== undefined) pinToCpus(worker.pid, input.clientCpus);
        worker.send({
          type: "start",
          plan: {
            urls: nodes.map((node) => node.url),
            rooms,
            secret: input.secret,
            ratePerSocket: input.rate,
            durationMs: input.duration * 1000,
            joinConcurrency: input.joinConcurrency,
          },
        });
        return nextMessage<WorkerJoined>(worker, "joined", 15 * 60_000);
      }),
    );
    const joinSeconds = (Date.now() - joinStarted) / 1000;
    const connected = joined.reduce((sum, w) => sum + w.joined, 0);
    print(`joined ${connected}/${input.sockets} in ${joinSeconds.toFixed(1)} s`, mergeCounts(joined.map((w) => w.errors)));
    await sleep(2000);

    const metricsBefore = await Promise.all(nodes.map((node) => scrape(node.url)));
    const before: ProcessSample[] = nodes.map((node) => sampleProcess(node.pid));
    const workersBefore = workers.map((worker) => sampleProcess(worker.pid as number));
    const resultsPromise = Promise.all(workers.map((worker) => nextMessage<WorkerResult>(worker, "result", (input.duration + 120) * 1000)));
    for (const worker of workers) worker.send({ type: "go" });
    // Peak memory and CPU are sampled at the end of the steady phase, before the clients let go.
    await sleep(input.duration * 1000);
    const after: ProcessSample[] = nodes.map((node) => sampleProcess(node.pid));
    const loadAverage = loadavg()[0] ?? Number.NaN;
    const metricsAfter = await Promise.all(nodes.map((node) => scrape(node.url)));
    const workerCpu = workers.map((worker, i) => cpuPercent(workersBefore[i] as ProcessSample, sampleProcess(worker.pid as number)));
    print("client worker CPU (% of a core):", workerCpu.map((cpu) => cpu.toFixed(0)).join(" "));
    metricsAfter.forEach((text, i) => writeFileSync(join(input.logDir, `metrics-${input.sockets}-${input.nodeCount}-${i}.txt`), text));
    const results = await resultsPromise;

    const latency = summarize(results.flatMap((r) => r.latenciesMs));
    const rssDelta = after.reduce((sum, s, i) => sum + s.rssBytes - (baseline[i] as ProcessSample).rssBytes, 0);
    const eventsIn = metricsAfter.reduce((sum, text, i) => sum + metricSum(text, "signaling_events_total") - metricSum(metricsBefore[i] as string, "signaling_events_total"), 0);
    const growth = (metric: string, from: string[], label?: string) =>
      metricsAfter.reduce((sum, text, i) => sum + metricSum(text, metric, label) - metricSum(from[i] as string, metric, label), 0);
    const heapDelta = growth("signaling_nodejs_heap_size_used_bytes", baselineMetrics);
    const gcSeconds = "signaling_nodejs_gc_duration_seconds";
    const serverSockets = metricsAfter.reduce((sum, text) => sum + metricSum(text, "signaling_connected_sockets"), 0);
    const perSocket = Math.max(1, serverSockets || connected);
    return {
      target: input.target,
      nodes: input.nodeCount,
      rooms: input.rooms.length,
      targetSockets: input.sockets,
      connectedSockets: serverSockets,
      joinSeconds,
      eventsPerSecond: eventsIn / input.duration,
      relaysPerSecond: results.reduce((sum, r) => sum + r.received, 0) / input.duration,
      chatDeliveriesPerSecond: results.reduce((sum, r) => sum + r.chatReceived, 0) / input.duration,
      latency,
      rssPerSocketKb: rssDelta / perSocket / 1024,
      heapPerSocketKb: heapDelta / perSocket / 1024,
      baselineRssMb: baseline.map((s) => s.rssBytes / 2 ** 20),
      rssAfterJoinPerSocketKb: before.reduce((sum, s, i) => sum + s.rssBytes - (baseline[i] as ProcessSample).rssBytes, 0) / perSocket / 1024,
      heapTotalPerSocketKb: growth("signaling_nodejs_heap_size_total_bytes", baselineMetrics) / perSocket / 1024,
      // prom-client resets its event-loop histogram on every scrape: these cover the steady phase only. Like the
      // workers' figure, the delay beyond prom-client's 10 ms sampling interval.
      serverLoopDelayMs: {
        p99: Math.max(...metricsAfter.map((text) => metricSum(text, "signaling_nodejs_eventloop_lag_p99_seconds") * 1000 - 10)),
        max: Math.max(...metricsAfter.map((text) => metricSum(text, "signaling_nodejs_eventloop_lag_max_seconds") * 1000 - 10)),
      },
      serverGc: {
        totalMs: growth(`${gcSeconds}_sum`, metricsBefore) * 1000,
        count: growth(`${gcSeconds}_count`, metricsBefore),
        over10Ms: growth(`${gcSeconds}_count`, metricsBefore) - growth(`${gcSeconds}_bucket`, metricsBefore, 'le="0.01"'),
      },
      workerLoopDelayMs: {
        p99: Math.max(...results.map((r) => r.loopDelayMs.p99)),
        max: Math.max(...results.map((r) => r.loopDelayMs.max)),
      },
      workerCpuPercent: workerCpu,
      serverRssMb: after.map((s) => s.rssBytes / 2 ** 20),
      serverCpuPercent: after.map((s, i) => cpuPercent(before[i] as ProcessSample, s)),
      errors: mergeCounts([...joined.map((w) => w.errors), ...results.map((r) => r.errors)]),
      disconnects: results.reduce((sum, r) => sum + r.disconnects, 0),
      loadAverage,
    };
  } finally {
    finished = true;
    for (const worker of workers) {
      if (worker.connected) worker.disconnect();
      if (worker.exitCode === null) setTimeout(() => worker.exitCode === null && worker.kill("SIGKILL"), 2000).unref();
    }
    await Promise.all(nodes.map((node) => node.stop()));
    await redis?.stop();
  }
}

function nextMessage<T extends FromWorker>(worker: ChildProcess, type: T["type"], timeoutMs: number): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker sent no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: FromWorker) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      worker.off("message", onMessage);
      resolvePromise(message as T);
    };
    worker.on("message", onMessage);
    worker.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before sending ${type}`));
    });
  });
}

/** Wait until the processes use (almost) no CPU for a second: start-up work done. At most 20 s. */
async function waitUntilIdle(pids: number[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  await sleep(1000);
  while (Date.now() < deadline) {
    const from = pids.map(sampleProcess);
    await sleep(1000);
    if (pids.every((pid, i) => cpuPercent(from[i] as ProcessSample, sampleProcess(pid)) < 3)) return;
  }
}

async function scrape(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
}

function mergeCounts(all: Record<string, number>[]): Record<string, number> {
  const merged: Record<string, number> = {};
  for (const counts of all) for (const [key, n] of Object.entries(counts)) merged[key] = (merged[key] ?? 0) + n;
  return merged;
}

/** CLI output (stdout is this tool's interface). */
function print(...parts: unknown[]): void {
  process.stdout.write(`${parts.map((part) => (typeof part === "string" ? part : JSON.stringify(part))).join(" ")}\n`);
}

const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
