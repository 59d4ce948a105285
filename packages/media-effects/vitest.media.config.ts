import { defineConfig } from "vitest/config";

/** Blur and noise suppression in real Chromium (segmentation model, wasm, worker, AudioWorklet). */
export default defineConfig({
  test: { environment: "node", include: ["src/**/*.browser.test.ts"], testTimeout: 120_000, hookTimeout: 90_000 },
});
