import { defineConfig } from "vitest/config";

/**
 * Real media through a real Janus in real Chromium. media.integration.test.ts creates its own private network namespace
 * (root only; skipped elsewhere unless CI=true). The root `pnpm test` runs every package's `test:media` one at a time:
 * frame rates, simulcast layers and first-frame times are real-time behaviour that two cores shared with other
 * Chromiums and Januses distort.
 */
export default defineConfig({
  test: { environment: "node", include: ["src/media.integration.test.ts"], testTimeout: 120_000, hookTimeout: 60_000 },
});
