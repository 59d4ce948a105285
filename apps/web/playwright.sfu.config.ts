import { mkdirSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { chromiumUse, stackServer } from "./e2e/stack-config";

/**
 * End-to-end calls through the SFU: the production stack plus a real Janus. Janus' ICE never uses `lo`, so this
 * runs inside a private network namespace (`pnpm test:e2e` starts it through tooling/janus-harness/bin/run-in-netns.mjs):
 * web, signaling, Postgres, Janus and Chromium all inside, nothing reaching the host network.
 */
const WEB_PORT = Number(process.env.E2E_SFU_WEB_PORT ?? 3310);
const SIGNALING_PORT = Number(process.env.E2E_SFU_SIGNALING_PORT ?? 4310);
/** Where Janus records and the web app's worker composes (signaling offers recording only with it). */
const RECORDINGS_DIR = `${process.env.TMPDIR ?? "/tmp"}/parley-e2e-sfu-recordings-${WEB_PORT}`;
mkdirSync(RECORDINGS_DIR, { recursive: true });

export default defineConfig({
  testDir: "e2e",
  // sfu.spec.ts and every *.sfu.spec.ts (features that need the SFU, such as recording).
  testMatch: /sfu\.spec\.ts$/,
  fullyParallel: false,
  workers: 1,
  timeout: 360_000,
  expect: { timeout: 20_000 },
  retries: 0,
  reporter: [["list"]],
  use: chromiumUse(`http://localhost:${WEB_PORT}`),
  // Mesh up to four, the SFU from the fifth participant on (the default, stated here because the test relies on it).
  webServer: stackServer(WEB_PORT, `--signaling-port ${SIGNALING_PORT} --pg-port ${SIGNALING_PORT + 1000} --janus`, { ROOM_CAPACITY: "8", SFU_MESH_MAX: "4", LOG_LEVEL: "warn", RECORDINGS_DIR }),
});
