import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    // NOTE: passcode tests run scrypt (deliberately slow, ~50 ms each when quiet); under turbo, with every package's
    // tests on the same cores, a handful of them took over vitest's default 5 s.
    testTimeout: 60_000,
  },
});
