import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A private network namespace (`ip netns`) where WebRTC between Janus and Chromium works without touching the host
 * network: `lo` up plus an ICE interface holding a loopback address (Janus never gathers candidates on `lo`) and
 * `routedAddress` with the default route (Firefox gathers only on the default route's interface, never a loopback).
 * Processes inside are reached from outside through UNIX sockets (Janus' ws_unix) and pipes (Playwright's CDP pipe).
 */
export interface NetworkNamespace {
  readonly name: string;
  /** Interface ICE gathers on (Janus `ice_enforce_list`). */
  readonly iceInterface: string;
  readonly iceAddress: string;
  /** Non-loopback address of the ICE interface, which holds the namespace's default route. */
  readonly routedAddress: string;
  /** argv that runs `argv` inside the namespace. */
  command(argv: readonly string[]): string[];
  /**
   * An executable script that runs `executable` inside the namespace with the arguments it is given
   * (e.g. Playwright's `executablePath` for Chromium: its CDP pipe crosses the namespace boundary).
   */
  wrapExecutable(executable: string): Promise<string>;
  /** Delete the namespace (processes inside should be stopped first). Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartNamespaceOptions {
  /** Default: `parley-<random>`. */
  name?: string;
  /** Default 127.0.0.2 (/32: reachable only inside the namespace). */
  iceAddress?: string;
}

/** RFC 2544's benchmarking range: never a real network, and the namespace keeps it to itself anyway. */
const ROUTED_ADDRESS = "198.18.0.1";

/** Why namespaces cannot be used here, or null when they can (root and iproute2 needed). */
export async function namespaceUnsupportedReason(): Promise<string | null> {
  if (process.getuid?.() !== 0) return "network namespaces need root";
  try {
    await run("ip", ["-V"]);
  } catch {
    return "iproute2 (`ip`) is not installed";
  }
  return null;
}

/** Create a namespace with `lo` and an ICE interface up. */
export async function startNamespace(options: StartNamespaceOptions = {}): Promise<NetworkNamespace> {
  const reason = await namespaceUnsupportedReason();
  if (reason) throw new Error(`cannot create a network namespace: ${reason}`);
  const name = options.name ?? `parley-${randomBytes(4).toString("hex")}`;
  const iceAddress = options.iceAddress ?? "127.0.0.2";
  const iceInterface = "pj0";
  const inside = (...argv: string[]) => run("ip", ["netns", "exec", name, ...argv]);

  await run("ip", ["netns", "add", name]);
  const scripts = await mkdtemp(join(tmpdir(), `${name}-bin-`));
  try {
    await inside("ip", "link", "set", "lo", "up");
    // NOTE: some kernels (this CI's) lack the dummy module; a veth pair with both ends inside behaves the same.
    try {
      await inside("ip", "link", "add", iceInterface, "type", "dummy");
    } catch {
      await inside("ip", "link", "add", iceInterface, "type", "veth", "peer", "name", `${iceInterface}peer`);
      await inside("ip", "link", "set", `${iceInterface}peer`, "up");
    }
    await inside("ip", "addr", "add", `${iceAddress}/32`, "dev", iceInterface);
    await inside("ip", "addr", "add", `${ROUTED_ADDRESS}/24`, "dev", iceInterface);
    await inside("ip", "link", "set", iceInterface, "up");
    await inside("ip", "route", "add", "default", "dev", iceInterface);
  } catch (error) {
    await run("ip", ["netns", "del", name]).catch(() => undefined);
    await rm(scripts, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    name,
    iceInterface,
    iceAddress,
    routedAddress: ROUTED_ADDRESS,
    command: (argv) => ["ip", "netns", "exec", name, ...argv],
    async wrapExecutable(executable) {
      const path = join(scripts, `${executable.split("/").pop() ?? "exe"}-in-${name}`);
      await writeFile(path, `#!/bin/sh\nexec ip netns exec '${name}' '${executable}' "$@"\n`);
      await chmod(path, 0o755);
      return path;
    },
    stop() {
      stopped ??= (async () => {
        await run("ip", ["netns", "del", name]).catch(() => undefined);
        await rm(scripts, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/**
 * The namespace this process already runs in when started through bin/janus-netns.sh (the whole test command
 * re-executed inside `unshare --net`), or null.
 */
export function currentNamespaceIceInterface(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.PARLEY_NETNS_ICE_INTERFACE || null;
}
