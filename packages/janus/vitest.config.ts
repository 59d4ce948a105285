import { defineConfig } from "vitest/config";

// Integration tests start a real Janus (tooling/janus-harness); media.integration.test.ts creates its own private
// network namespace for Janus and Chromium (root only; skipped elsewhere unless CI=true).
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
