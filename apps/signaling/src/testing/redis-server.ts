// A throwaway redis-server for integration tests: the real Debian binary on a free loopback port, no persistence.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { Redis } from "ioredis";
import { freePort } from "@parley/test-support";

export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Start redis-server; fails with a clear message when it is not installed (tests must not skip silently). */
export async function startTestRedis(): Promise<TestRedis> {
  if (!existsSync(REDIS_SERVER_BIN)) {
    throw new Error(
      `redis-server not found at ${REDIS_SERVER_BIN}: install the Debian package (apt-get install -y redis-server) ` +
        "or set REDIS_SERVER_BIN. The multi-node signaling tests need a real Redis.",
    );
  }
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER_BIN,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    stop: () => (stopped ??= stop(child)),
  };
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output()}`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => undefined);
    try {
      await probe.connect();
      await probe.ping();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      probe.disconnect();
    }
  }
  throw new Error(`redis-server did not become ready within 10 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

