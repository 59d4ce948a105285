import { defineConfig } from "@playwright/test";
import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";

import { CONTROL_PORT, POSTGRES_PORT, SIGNALING_PORT, WEB_PORT } from "./e2e/ports";

/** Point the tests at an already running stack (e.g. `pnpm dev`) instead of starting one. */
const EXTERNAL_BASE_URL = process.env.E2E_BASE_URL;



export default defineConfig({
  testDir: "e2e",
  // Calls through the SFU need Janus in a network namespace: playwright.sfu.config.ts.
  testIgnore: "sfu.spec.ts",
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: EXTERNAL_BASE_URL ?? `http://localhost:${WEB_PORT}`,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_TEST_FLAGS] },
    permissions: ["camera", "microphone"],
    trace: "retain-on-failure",
  },
  // The real product, as the quick start runs it (production builds, embedded Postgres in a temp dir).
  webServer: EXTERNAL_BASE_URL
    ? undefined
    : {
    command: `../../tooling/stack/node_modules/.bin/tsx ../../tooling/stack/src/run.ts --mode prod --ephemeral --web-port ${WEB_PORT} --signaling-port ${SIGNALING_PORT} --pg-port ${POSTGRES_PORT} --control-port ${CONTROL_PORT} --turn --redis --signaling-nodes 2`,
    url: `http://localhost:${WEB_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { ROOM_CAPACITY: "3", LOG_LEVEL: "warn", RECONNECT_GRACE_MS: "8000" },
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      },
});
