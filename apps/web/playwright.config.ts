import { mkdirSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { CONTROL_PORT, E2E_RECORDINGS_DIR, POSTGRES_PORT, SIGNALING_PORT, WEB_PORT } from "./e2e/ports";
import { chromiumUse, stackServer } from "./e2e/stack-config";

// The web app serves recordings from here (the record page's test puts a composed file in it).
mkdirSync(E2E_RECORDINGS_DIR, { recursive: true });

/** Point the tests at an already running stack (e.g. `pnpm dev`) instead of starting one. */
const EXTERNAL_BASE_URL = process.env.E2E_BASE_URL;

export default defineConfig({
  testDir: "e2e",
  // Calls through the SFU need Janus in a network namespace: playwright.sfu.config.ts.
  testIgnore: /sfu\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  // Generous: two shared cores, a production build, several Chromiums with fake cameras and every server of the stack;
  // a loaded run took 15 s for a pre-join page to start its camera and 90 s for a scheduling test.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  retries: 0,
  reporter: [["list"]],
  use: chromiumUse(EXTERNAL_BASE_URL ?? `http://localhost:${WEB_PORT}`),
  // Two signaling nodes with Redis, coturn, an OpenID Connect provider, the crash-injection port and an SMTP sink
  // (mail read at GET /mail); ROOM_CAPACITY=3 for the "full" test.
  webServer: EXTERNAL_BASE_URL
    ? undefined
    : stackServer(
        WEB_PORT,
        `--signaling-port ${SIGNALING_PORT} --pg-port ${POSTGRES_PORT} --control-port ${CONTROL_PORT} --turn --redis --oidc --signaling-nodes 2 --smtp-sink`,
        { ROOM_CAPACITY: "3", LOG_LEVEL: "warn", RECONNECT_GRACE_MS: "8000", RECORDINGS_DIR: E2E_RECORDINGS_DIR },
      ),
});
