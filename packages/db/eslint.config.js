import base from "@parley/eslint-config";

export default [
  ...base,
  // Plain Node scripts (run before any TypeScript tooling exists on a fresh clone).
  { files: ["**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
];
