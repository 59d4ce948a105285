import { defineConfig } from "vitest/config";

/**
 * Tests with real media through Janus. `pnpm test:media` runs them inside a private network namespace
 * (tooling/janus-harness/bin/janus-netns.sh: root only) where Janus' ICE works without touching the host network.
 */
export default defineConfig({
  test: {
    globalSetup: ["./vitest.global-setup.ts"],
    include: ["src/**/*.netns.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
