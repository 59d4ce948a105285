import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { generateJanusSecrets, renderJanusConfig, type JanusSecrets } from "./janus-config";
import { currentNamespaceIceInterface, type NetworkNamespace } from "./namespace";
import { freePort } from "@parley/test-support";

export const JANUS_BINARY = "/usr/bin/janus";

export interface StartJanusOptions {
  /** Run Janus inside this namespace (ICE on its interface, API over UNIX sockets reachable from outside). */
  namespace?: NetworkNamespace;
  /** Seconds without a request before Janus drops a session (keepalive tests set it low). Default 60. */
  sessionTimeoutSeconds?: number;
  secrets?: JanusSecrets;
  /** 0-7; default 4 (the log is kept in `logPath`). */
  debugLevel?: number;
  /** Default 15 s. */
  readyTimeoutMs?: number;
  binary?: string;
  rtpPortRange?: [number, number];
}

export interface JanusInstance {
  /** Janus API (subprotocol `janus-protocol`): `ws://127.0.0.1:<port>` or `ws+unix://<socket>:/` (the `ws` package). */
  readonly wsUrl: string;
  /** Admin API (subprotocol `janus-admin-protocol`). */
  readonly adminUrl: string;
  readonly secrets: JanusSecrets;
  readonly configDir: string;
  readonly logPath: string;
  /** Process id of the running Janus (changes on restart). */
  readonly pid: number | undefined;
  /** Stop Janus (SIGTERM, then SIGKILL after 5 s) and delete its files. Safe to call twice. */
  stop(): Promise<void>;
  /** Kill Janus abruptly (SIGKILL, as a crash would) and start it again on the same addresses. */
  restart(): Promise<void>;
  /** Kill Janus without restarting it (a dead node). */
  kill(): Promise<void>;
  log(): Promise<string>;
}

/** Start a real Janus from the Debian package with our rendered config; resolves once it answers `info`. */
export async function startJanus(options: StartJanusOptions = {}): Promise<JanusInstance> {
  const binary = options.binary ?? JANUS_BINARY;
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: install Janus first (apt-get install -y janus); the harness installs nothing`);
  }
  const dir = await mkdtemp(join(tmpdir(), "parley-janus-"));
  const secrets = options.secrets ?? generateJanusSecrets();
  const ns = options.namespace;
  const iceInterface = ns?.iceInterface ?? currentNamespaceIceInterface() ?? undefined;
  // Inside an `ip netns` namespace TCP is unreachable from here: talk through UNIX sockets instead.
  const wsUnix = ns ? join(dir, "janus.sock") : undefined;
  const adminUnix = ns ? join(dir, "janus-admin.sock") : undefined;
  const [wsPort, adminPort] = ns ? [0, 0] : [await freePort(), await freePort()];

  await renderJanusConfig({
    secrets,
    configDir: dir,
    sessionTimeoutSeconds: options.sessionTimeoutSeconds ?? 60,
    debugLevel: options.debugLevel ?? 4,
    ws: wsUnix ? { unixPath: wsUnix } : { port: wsPort, ip: "127.0.0.1" },
    adminWs: adminUnix ? { unixPath: adminUnix } : { port: adminPort, ip: "127.0.0.1" },
    // Outside a namespace there is no usable interface for media; API-only tests still work.
    iceEnforceList: iceInterface,
    rtpPortRange: options.rtpPortRange ?? [20_000, 40_000],
  });
  const wsUrl = wsUnix ? `ws+unix://${wsUnix}:/` : `ws://127.0.0.1:${wsPort}`;
  const adminUrl = adminUnix ? `ws+unix://${adminUnix}:/` : `ws://127.0.0.1:${adminPort}`;
  const logPath = join(dir, "janus.log");
  const argv = [binary, "-C", join(dir, "janus.jcfg"), "-F", dir];
  const command = ns ? ns.command(argv) : argv;

  let child: ChildProcess | undefined;
  const launch = async () => {
    for (const socket of [wsUnix, adminUnix]) if (socket) await rm(socket, { force: true });
    const log = createWriteStream(logPath, { flags: "a" });
    const proc = spawn(command[0] as string, command.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout?.pipe(log);
    proc.stderr?.pipe(log);
    child = proc;
    const exited = new Promise<never>((_, reject) =>
      proc.once("exit", (code, signal) => reject(new Error(`janus exited during start (${code ?? signal})`))),
    );
    exited.catch(() => undefined);
    try {
      await Promise.race([waitUntilReady(wsUrl, options.readyTimeoutMs ?? 15_000), exited]);
    } catch (error) {
      const tail = (await readFile(logPath, "utf8").catch(() => "")).split("\n").slice(-30).join("\n");
      throw new Error(`${(error as Error).message}\n--- janus log ---\n${tail}`, { cause: error });
    }
  };
  const terminate = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await launch();
  } catch (error) {
    await terminate("SIGKILL");
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    wsUrl,
    adminUrl,
    secrets,
    configDir: dir,
    logPath,
    get pid() {
      return child?.pid;
    },
    stop() {
      stopped ??= (async () => {
        await terminate("SIGTERM");
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
    async restart() {
      await terminate("SIGKILL");
      await launch();
    },
    kill: () => terminate("SIGKILL"),
    log: () => readFile(logPath, "utf8"),
  };
}

/** Poll `info` until Janus answers (the socket file or port appears a moment after the process starts). */
async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await infoOnce(url);
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`janus did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

function infoOnce(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, "janus-protocol");
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error("info timed out"));
    }, 2_000);
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once("open", () => socket.send(JSON.stringify({ janus: "info", transaction: "ready" })));
    socket.once("message", (data) => {
      clearTimeout(timer);
      socket.close();
      const reply = JSON.parse(String(data)) as { janus?: string };
      if (reply.janus === "server_info") resolve();
      else reject(new Error(`unexpected reply ${reply.janus}`));
    });
  });
}

