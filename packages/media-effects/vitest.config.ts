import { configDefaults, defineConfig } from "vitest/config";

// The real-Chromium tests (*.browser.test.ts) run in `test:media` (vitest.media.config.ts).
export default defineConfig({
  test: { environment: "node", include: ["src/**/*.test.ts"], exclude: [...configDefaults.exclude, "src/**/*.browser.test.ts"] },
});
