import { createServer } from "node:net";
import { createSocket } from "node:dgram";

/** A port free for both TCP and UDP on `host` right now (TURN listens on both). */
export async function freePort(host: string): Promise<number> {
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
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
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
