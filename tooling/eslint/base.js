import js from "@eslint/js";
import tseslint from "typescript-eslint";
import boundaries from "./rules/package-boundaries.js";

/** Shared lint rules for every package: correctness first, no style bikeshedding (types do the rest). */
export default tseslint.config(
  { ignores: ["**/dist/**", "**/.next/**", "**/generated/**", "**/node_modules/**", "**/*.config.*", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { parley: boundaries },
    rules: {
      // No relative import leaves its package; workspace packages only through their `exports` (STYLE habit 14).
      "parley/package-boundaries": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
);
