import { defineConfig } from "vitest/config";

/**
 * The call engine in real Chromium with real RTCPeerConnections. The root `pnpm test` runs every package's `test:media`
 * one at a time: decoding, screen-share start-up and reconnection times are real-time behaviour that two cores shared
 * with other Chromiums distort.
 */
export default defineConfig({
  test: { environment: "node", include: ["src/browser.integration.test.ts"], testTimeout: 120_000, hookTimeout: 60_000 },
});
