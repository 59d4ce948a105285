import { configDefaults, defineConfig } from "vitest/config";

// The engine in real Chromium (browser.integration.test.ts) runs in `test:media` (vitest.media.config.ts).
export default defineConfig({
  test: { environment: "node", include: ["src/**/*.test.ts"], exclude: [...configDefaults.exclude, "src/browser.integration.test.ts"] },
});
