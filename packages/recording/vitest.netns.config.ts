import { defineConfig } from "vitest/config";

/**
 * Recording with real media: Chromium publishers into a real Janus VideoRoom that records them, then the real
 * janus-pp-rec and ffmpeg. Runs inside the private network namespace (janus-netns.sh) because Janus' ICE never uses `lo`.
 */
export default defineConfig({
  test: { include: ["src/**/*.netns.test.ts"], testTimeout: 180_000, hookTimeout: 60_000, fileParallelism: false },
});
