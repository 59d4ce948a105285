import { configDefaults, defineConfig } from "vitest/config";

// Integration tests start a real Janus (tooling/janus-harness). Media through Janus in real Chromium
// (media.integration.test.ts) runs in `test:media` (vitest.media.config.ts), one package at a time.
export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    exclude: [...configDefaults.exclude, "src/media.integration.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
