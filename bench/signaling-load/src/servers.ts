import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@parley/test-support";

export interface RunningProcess {
  pid: number;
  stop(): Promise<void>;
}

export interface SignalingNode extends RunningProcess {
  url: string;
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

/** redis-server on a free loopback port, no persistence (Debian package at /usr/bin/redis-server). */
export async function startRedis(): Promise<RunningProcess & { url: string }> {
  const bin = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";
  if (!existsSync(bin)) throw new Error(`redis-server not found at ${bin} (apt-get install -y redis-server)`);
  const port = await freePort();
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--maxclients", "1000"], {
    stdio: "ignore",
  });
  const { connect } = await import("node:net");
  await waitFor(
    () =>
      new Promise((resolve) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write("PING\r\n");
        });
        socket.once("data", (data) => {
          socket.destroy();
          resolve(data.toString().startsWith("+PONG"));
        });
        socket.once("error", () => resolve(false));
      }),
    "redis-server",
    10_000,
    child,
  );
  return { pid: child.pid as number, url: `redis://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}

export interface NodeOptions {
  repoRoot: string;
  databaseUrl: string;
  secret: string;
  redisUrl: string | undefined;
  keyPrefix: string;
  logDir: string;
  index: number;
}

/** `node apps/signaling/dist/main.js`, exactly as production runs it, on a free port; resolves once /readyz answers. */
export async function startSignalingNode(options: NodeOptions): Promise<SignalingNode> {
  const cwd = join(options.repoRoot, "apps/signaling");
  const entry = join(cwd, "dist/main.js");
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run pnpm --filter @parley/signaling build`);
  const port = await freePort();
  const log = createWriteStream(join(options.logDir, `signaling-${options.index}.log`));
  const child = spawn(process.execPath, [entry], {
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
      LOG_LEVEL: "warn",
      // For profiling runs only, e.g. BENCH_SERVER_NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2.
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
      ...(process.env.MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX } : {}),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: options.keyPrefix } : {}),
    },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/readyz`)).ok, `signaling node ${options.index}`, 30_000, child);
  return { pid: child.pid as number, url, stop: () => stopProcess(child) };
}
