import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One migrated embedded Postgres for the whole run; tests isolate by creating their own meetings.
    globalSetup: ["./vitest.global-setup.ts"],
    // *.netns.test.ts need a private network namespace (Janus media): vitest.netns.config.ts runs them.
    exclude: [...configDefaults.exclude, "**/*.netns.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
