import { createServer } from "node:net";

/** A TCP port that is free on `host` right now (the OS picks it; a tiny race with other processes remains). */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Flags for Debian's Chromium in tests: no sandbox (root), no GPU, no background traffic or QUIC (the machine has no
 * internet), fake camera/microphone/screen with auto-accepted prompts, and ICE candidates on loopback.
 */
export const CHROMIUM_TEST_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  "--allow-loopback-in-peer-connection",
] as const;
export { percentile } from "./percentile";
