import { defineConfig } from "tsup";

// Production build (`node dist/main.js`): our code and almost every dependency bundled into a few files. Node's module
// resolution of a few hundred small files was half of the start-up time (≈ 500 → 230 ms on an idle machine, several
// seconds less on a busy one), and a restarted node is back for its clients that much sooner.
// Split into chunks so that main.ts can load the database client after it listens (see src/lazy-db.ts).
export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/.*/],
  // Kept as real packages: Prisma's runtime and the pg driver (loaded lazily anyway), pino (its worker-thread
  // transports need their own files), and ws' optional native addons (absent is fine).
  external: ["@prisma/client", "@prisma/adapter-pg", "pg", "pg-native", "pino", "thread-stream", "bufferutil", "utf-8-validate"],
  // Bundled CommonJS dependencies call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __parleyCreateRequire } from 'node:module'; const require = __parleyCreateRequire(import.meta.url);" },
});
