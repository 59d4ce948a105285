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

/**
 * Firefox (Debian's firefox-esr, driven over WebDriver BiDi) for tests: its fake camera and microphone, no permission
 * prompt, ICE also over loopback, and real host addresses instead of mDNS names (Janus cannot resolve `.local`).
 */
export const FIREFOX_TEST_PREFS = {
  "media.navigator.streams.fake": true,
  "media.navigator.permission.disabled": true,
  "media.peerconnection.ice.loopback": true,
  "media.peerconnection.ice.obfuscate_host_addresses": false,
} as const;

/**
 * CHROMIUM_TEST_FLAGS with `count` fake cameras, for tests that switch devices. They paint the same test pattern in
 * different pixel formats: "fake_device_0" (I420) and "fake_device_2" (MJPEG, whose background decodes a few levels
 * darker, so a receiver can tell them apart); "fake_device_1" is a depth camera (Y16) that WebRTC cannot send.
 * Chromium always offers three fake microphones and three fake speakers.
 */
export function chromiumFlagsWithFakeCameras(count: number): string[] {
  return CHROMIUM_TEST_FLAGS.map((flag) => (flag === "--use-fake-device-for-media-stream" ? `${flag}=device-count=${count}` : flag));
}
export { freePort } from "./free-port";
export { percentile } from "./percentile";
export { REDIS_SERVER_BIN, startRedis, type RunningRedis, type StartRedisOptions } from "./redis";
