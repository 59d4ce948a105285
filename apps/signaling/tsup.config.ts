import { defineConfig } from "tsup";

// One file for production (`node dist/main.js`): workspace packages (TypeScript source) are bundled in,
// everything from node_modules stays external and is resolved at runtime.
export default defineConfig({
  // migrate-main: the one-shot `migrate` service of docker-compose.yml (applies packages/db migrations).
  entry: ["src/main.ts", "src/migrate-main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  splitting: false,
  noExternal: [/^@parley\//],
  esbuildPlugins: [
    {
      name: "externalize-node-modules",
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith("@parley/")) return undefined;
          return { path: args.path, external: true };
        });
      },
    },
  ],
});
