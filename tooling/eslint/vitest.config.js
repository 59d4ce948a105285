import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // NOTE: the first lint through ESLint's API loads typescript-eslint's type-aware parser (tens of seconds while
    // turbo runs every other package's tasks on the same two cores).
    testTimeout: 120_000,
  },
});
