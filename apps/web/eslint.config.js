import base from "@parley/eslint-config";

// public/effects/ is written from node_modules by `pnpm effects:assets` (bundled, minified third-party code).
export default [...base, { ignores: ["next-env.d.ts", ".next/**", "public/effects/**"] }];
