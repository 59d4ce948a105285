import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One migrated embedded Postgres for the whole run (see src/testing.ts); tests isolate by unique ids.
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
