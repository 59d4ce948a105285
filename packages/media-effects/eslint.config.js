import base from "@parley/eslint-config";

// bin/ holds a plain Node script (run by the web app's build before TypeScript is involved).
export default [...base, { files: ["bin/**/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly" } } }];
