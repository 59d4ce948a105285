// A throwaway redis-server: the real Debian binary on loopback, no persistence. Used by the multi-node signaling
// tests, the signaling load benchmark and the local stack (`--redis`).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { freePort } from "./free-port";

/** REDIS_SERVER_BIN, else Debian's binary, else whatever `redis-server` is on PATH. */
export const REDIS_SERVER_BIN =
  process.env.REDIS_SERVER_BIN ?? (existsSync("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server");

export interface RunningRedis {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM and wait for the exit; safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** Default: a free loopback port. */
  port?: number;
  /** redis-server's --maxclients (its default is 10000). */
  maxClients?: number;
  /** How long redis-server may take to answer PING. Default 10 s. */
  readyTimeoutMs?: number;
}

/** Start redis-server and wait until it answers; fails with a clear message when it is not installed. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RunningRedis> {
  const port = options.port ?? (await freePort());
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"];
  if (options.maxClients !== undefined) args.push("--maxclients", String(options.maxClients));
  const child = spawn(REDIS_SERVER_BIN, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error) =>
      reject(
        new Error(
          `redis-server could not start from ${REDIS_SERVER_BIN} (${error.message}): install the Debian package ` +
            "(apt-get install -y redis-server) or set REDIS_SERVER_BIN.",
        ),
      ),
    );
  });
  try {
    await spawned;
    await waitUntilReady(port, child, options.readyTimeoutMs ?? 10_000, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  let stopped: Promise<void> | undefined;
  return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid as number, stop: () => (stopped ??= stop(child)) };
}

async function waitUntilReady(port: number, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output()}`);
    if (await answersPing(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not become ready within ${timeoutMs} ms:\n${output()}`);
}

/** One inline PING over a plain TCP connection (no client library needed). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.setTimeout(1_000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
