import { spawn, spawnSync } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@parley/test-support";
import { stunBindingAnswers } from "./stun-binding";
import { turnRestCredentials, type TurnCredentials } from "./turn-credentials";

// NOTE: the harness starts coturn through the container's own entrypoint and config template, so a test
// that passes here also proves the shipped deploy/coturn files (only loopback overrides are added).
const COTURN_DIR = fileURLToPath(new URL("../../../deploy/coturn/", import.meta.url));
export const COTURN_ENTRYPOINT = join(COTURN_DIR, "entrypoint.sh");
export const COTURN_TEMPLATE = join(COTURN_DIR, "turnserver.conf.template");

export type StartCoturnOptions = {
  /** TURN REST API shared secret (the signaling service's TURN_SECRET); random when omitted. */
  secret?: string;
  /** Default "parley.test". */
  realm?: string;
  /** Listening and relay address; default 127.0.0.1. */
  host?: string;
  /** UDP relay port range; default a random 100-port window between 50000 and 59999. */
  relayPorts?: { min: number; max: number };
  /**
   * Relay to loopback peers (a browser test on one machine needs it; production refuses them).
   * Default true.
   */
  allowLoopbackPeers?: boolean;
  /** Default 10 s. */
  startTimeoutMs?: number;
  /** Every line coturn prints (default: kept for error messages only). */
  onLog?: (line: string) => void;
};

export type CoturnServer = {
  /** `turn:` URLs for UDP and TCP, ready for the signaling service's TURN_URLS or an RTCIceServer. */
  urls: string[];
  secret: string;
  realm: string;
  host: string;
  port: number;
  /** Time-limited credentials for `user`, exactly as the signaling service issues them. */
  credentialsFor(user: string, ttlSeconds?: number): TurnCredentials;
  /** An RTCIceServer (urls + username + credential) for `user`. */
  iceServerFor(user: string, ttlSeconds?: number): { urls: string[]; username: string; credential: string };
  /** Stops coturn and removes its files; safe to call twice. */
  stop(): Promise<void>;
};

/** Starts the Debian `turnserver` on loopback with deploy/coturn's configuration; resolves once it answers STUN. */
export async function startCoturn(opts: StartCoturnOptions = {}): Promise<CoturnServer> {
  assertTurnserverInstalled();
  const host = opts.host ?? "127.0.0.1";
  const secret = opts.secret ?? randomBytes(24).toString("base64url");
  const realm = opts.realm ?? "parley.test";
  const port = await freePort(host, { udp: true });
  const tlsPort = await freePort(host, { udp: true });
  const relayMin = opts.relayPorts?.min ?? 50_000 + randomInt(0, 99) * 100;
  const relayMax = opts.relayPorts?.max ?? relayMin + 99;
  const workDir = mkdtempSync(join(tmpdir(), "parley-coturn-"));

  const args = [`--listening-ip=${host}`, `--relay-ip=${host}`, `--pidfile=${join(workDir, "turnserver.pid")}`];
  if (opts.allowLoopbackPeers ?? true) args.push("--allow-loopback-peers");
  const child = spawn("sh", [COTURN_ENTRYPOINT, ...args], {
    env: {
      PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin",
      TURN_SECRET: secret,
      TURN_REALM: realm,
      TURN_PORT: String(port),
      TURN_TLS_PORT: String(tlsPort),
      TURN_MIN_PORT: String(relayMin),
      TURN_MAX_PORT: String(relayMax),
      // Loopback must also be whitelisted: the template denies 127.0.0.0/8 like any private range.
      TURN_ALLOWED_PEER_IPS: (opts.allowLoopbackPeers ?? true) ? host : "",
      COTURN_TEMPLATE,
      COTURN_CONFIG: join(workDir, "turnserver.conf"),
      COTURN_CERTS_DIR: join(workDir, "certs"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });

  const recent: string[] = [];
  const onChunk = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      opts.onLog?.(line);
      recent.push(line);
      if (recent.length > 40) recent.shift();
    }
  };
  child.stdout.on("data", onChunk);
  child.stderr.on("data", onChunk);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(workDir, { recursive: true, force: true });
    })());

  const deadline = Date.now() + (opts.startTimeoutMs ?? 10_000);
  while (!(await stunBindingAnswers(host, port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const why = child.exitCode !== null ? `exited with ${child.exitCode}` : "did not answer STUN in time";
      await stop();
      throw new Error(`coturn ${why}:\n${recent.join("\n")}`);
    }
  }

  const credentialsFor = (user: string, ttlSeconds = 3600) => turnRestCredentials(secret, user, { ttlSeconds });
  const urls = [`turn:${host}:${port}?transport=udp`, `turn:${host}:${port}?transport=tcp`];
  return {
    urls,
    secret,
    realm,
    host,
    port,
    credentialsFor,
    iceServerFor: (user, ttlSeconds) => {
      const { username, credential } = credentialsFor(user, ttlSeconds);
      return { urls, username, credential };
    },
    stop,
  };
}

function assertTurnserverInstalled(): void {
  const found = spawnSync("sh", ["-c", "command -v turnserver"], { encoding: "utf8" });
  if (found.status !== 0) {
    throw new Error("turnserver not found on PATH: install coturn (apt-get install -y coturn)");
  }
}
