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
export { freePort } from "./free-port";
export { percentile } from "./percentile";
export { REDIS_SERVER_BIN, startRedis, type RunningRedis, type StartRedisOptions } from "./redis";
