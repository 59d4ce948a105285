import { defineConfig } from "tsup";

// The migration runner as one file for the signaling image's one-shot `migrate` service
// (`node /app/packages/db/dist/migrate-main.js`). Dependencies stay external: the image installs this package's
// production dependencies beside it, and the SQL migrations are read from ../prisma/migrations at run time.
export default defineConfig({
  entry: ["src/migrate-main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  sourcemap: true,
});
