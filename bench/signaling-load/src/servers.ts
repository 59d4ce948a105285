import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@parley/test-support";

export interface RunningProcess {
  pid: number;
  stop(): Promise<void>;
}

export interface SignalingNode extends RunningProcess {
  url: string;
}

/** How production starts a signaling node: environment settings and Node flags in front of the entry file. */
export interface NodeCommand {
  env: Record<string, string>;
  nodeArgs: string[];
  entry: string;
}

/**
 * The `start` script of apps/signaling/package.json (`[NAME=value ...] node [flags] dist/main.js`), so the
 * benchmark runs the server with the flags production uses. Anything else in that script is an error here.
 */
export function productionCommand(repoRoot: string): NodeCommand {
  const manifest = JSON.parse(readFileSync(join(repoRoot, "apps/signaling/package.json"), "utf8")) as { scripts?: { start?: string } };
  return parseStartScript(manifest.scripts?.start ?? "");
}

export function parseStartScript(script: string): NodeCommand {
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const word = words.shift() as string;
    env[word.slice(0, word.indexOf("="))] = word.slice(word.indexOf("=") + 1);
  }
  const entry = words.at(-1);
  if (words[0] !== "node" || words.length < 2 || !entry?.endsWith(".js")) {
    throw new Error(`unexpected start script "${script}": want [NAME=value ...] node [flags] <entry>.js`);
  }
  return { env, nodeArgs: words.slice(1, -1), entry };
}

/** Restrict a running process (all its threads) to the given CPUs, e.g. "0" or "0,1" (util-linux taskset). */
export function pinToCpus(pid: number, cpus: string): void {
  execFileSync("taskset", ["--all-tasks", "--pid", "--cpu-list", cpus, String(pid)], { stdio: "ignore" });
}


function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}`);
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms`);
}

export interface NodeOptions {
  repoRoot: string;
  databaseUrl: string;
  secret: string;
  redisUrl: string | undefined;
  keyPrefix: string;
  logDir: string;
  index: number;
  /** Participants per room the scenario needs (the service's default capacity may be smaller). */
  roomCapacity: number;
  command: NodeCommand;
  /** Extra Node flags and environment for experiments (after the production ones). */
  extraNodeArgs: string[];
  extraEnv: Record<string, string>;
}

/** The bearer token the bench's signaling nodes require on /metrics. */
export const BENCH_METRICS_TOKEN = "bench-metrics-token-0123456789";

/** The production start command of apps/signaling (see productionCommand) on a free port; resolves once /readyz answers. */
export async function startSignalingNode(options: NodeOptions): Promise<SignalingNode> {
  const cwd = join(options.repoRoot, "apps/signaling");
  const entry = join(cwd, options.command.entry);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run pnpm --filter @parley/signaling build`);
  const port = await freePort();
  const log = createWriteStream(join(options.logDir, `signaling-${options.index}.log`));
  const child = spawn(process.execPath, [...options.command.nodeArgs, ...options.extraNodeArgs, entry], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: options.databaseUrl,
      JOIN_TOKEN_SECRET: options.secret,
      ALLOWED_ORIGINS: "http://127.0.0.1",
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      LOG_LEVEL: "warn",
      ROOM_CAPACITY: String(options.roomCapacity),
      // For profiling runs only, e.g. BENCH_SERVER_NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2.
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
      ...options.command.env,
      ...options.extraEnv,
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: options.keyPrefix } : {}),
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/readyz`)).ok, `signaling node ${options.index}`, 30_000, child);
  return { pid: child.pid as number, url, stop: () => stopProcess(child) };
}

/** The raw anchor (bare-relay.ts) on a free port, with the product's Node flags; resolves once it answers. */
export async function startBareRelay(options: { benchDir: string; logDir: string; nodeArgs: string[] }): Promise<SignalingNode> {
  const port = await freePort();
  const log = createWriteStream(join(options.logDir, "bare-relay.log"));
  const child = spawn(process.execPath, [...options.nodeArgs, "--import", "tsx", join(options.benchDir, "src/bare-relay.ts")], {
    cwd: options.benchDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: String(port) },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/readyz`)).ok, "bare relay", 30_000, child);
  return { pid: child.pid as number, url, stop: () => stopProcess(child) };
}
