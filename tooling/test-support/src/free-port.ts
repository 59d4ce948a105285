import { createSocket } from "node:dgram";
import { createServer } from "node:net";

/**
 * A port free on `host` right now (the OS picks it; a tiny race with other processes remains). With `udp: true`
 * the same port is also free for UDP (TURN listens on both).
 */
export async function freePort(host = "127.0.0.1", options: { udp?: boolean } = {}): Promise<number> {
  if (!options.udp) return freeTcpPort(host);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await freeTcpPort(host);
    if (await udpPortFree(host, port)) return port;
  }
  throw new Error(`no port free for both TCP and UDP on ${host}`);
}

function freeTcpPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function udpPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket("udp4");
    socket.once("error", () => resolve(false));
    socket.bind(port, host, () => socket.close(() => resolve(true)));
  });
}
