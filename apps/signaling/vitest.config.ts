import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One migrated embedded Postgres for the whole run; tests isolate by creating their own meetings.
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
