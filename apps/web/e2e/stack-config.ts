import type { PlaywrightTestConfig } from "@playwright/test";
import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";

/** Debian's Chromium with a fake camera and microphone, allowed to use them. */
export function chromiumUse(baseURL: string): PlaywrightTestConfig["use"] {
  return {
    baseURL,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_TEST_FLAGS] },
    permissions: ["camera", "microphone"],
    trace: "retain-on-failure",
  };
}

/**
 * The real product as the quick start runs it (production builds, embedded Postgres in a temp dir), started by
 * tooling/stack with `flags` (ports, TURN, Redis, Janus...) and `env` for the apps.
 */
export function stackServer(webPort: number, flags: string, env: Record<string, string>): PlaywrightTestConfig["webServer"] {
  return {
    command: `../../tooling/stack/node_modules/.bin/tsx ../../tooling/stack/src/run.ts --mode prod --ephemeral --web-port ${webPort} ${flags}`,
    url: `http://localhost:${webPort}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  };
}
