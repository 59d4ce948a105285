import { createSocket } from "node:dgram";
import { createServer } from "node:net";

function tcpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function udpFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive ports, free on every address for the given protocols right now, between `from` and `to`
 * (published Docker ports and coturn's host-network listeners bind them later; a small race remains).
 */
export async function freePortRange(count: number, protocols: ReadonlyArray<"tcp" | "udp">, from = 30_000, to = 45_000): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = from + Math.floor(Math.random() * (to - from - count));
    let ok = true;
    for (let port = base; ok && port < base + count; port += 1) {
      for (const protocol of protocols) {
        const free = protocol === "tcp" ? await tcpFree(port, "0.0.0.0") : await udpFree(port, "0.0.0.0");
        if (!free) ok = false;
      }
    }
    if (ok) return base;
  }
  throw new Error(`no ${count} consecutive free ports between ${from} and ${to}`);
}
