import base from "@parley/eslint-config";
import i18next from "eslint-plugin-i18next";

/**
 * Every string a person reads goes through the message catalogue (messages/*.json, next-intl): text between JSX tags,
 * strings in JSX expressions, and the attributes people read or hear. Brand and punctuation are not words.
 */
const noLiteralUiStrings = {
  files: ["src/**/*.tsx"],
  // Mails are rendered in English for now (they go to people whose language the server does not know).
  ignores: ["src/**/*.test.tsx", "src/features/notifications/emails/**"],
  plugins: { i18next },
  rules: {
    "i18next/no-literal-string": [
      "error",
      {
        mode: "jsx-only",
        "jsx-attributes": {
          include: ["aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "title", "placeholder", "alt", "label", "text", "description", "hint", "message", ".*Label", ".*Text", ".*Title"],
        },
        // Punctuation, the brand, constants, and one lower-case token without spaces: a code value in an expression
        // ("camera", "passcode", { hour: "2-digit" }), not a sentence. Words people read start upper-case or have spaces.
        words: { exclude: ["[0-9!-/:-@[-`{-~\\s·–—…“”‘’•×→←]+", "Parley", "[A-Z_-]+", "\\.ics", "[a-z0-9][a-zA-Z0-9]*([-_.:/][a-zA-Z0-9]+)*"] },
        // The translators (t, tm, t.rich …) and class-name helpers take keys and classes, not words.
        callees: { exclude: ["t\\w*", "t\\w*\\.(rich|markup|has)", "cn", "require"] },
        message: "Put this user-visible string in messages/*.json and read it with useTranslations/getTranslations",
      },
    ],
  },
};

// public/effects/ is written from node_modules by `pnpm effects:assets` (bundled, minified third-party code).
export default [...base, noLiteralUiStrings, { ignores: ["next-env.d.ts", ".next/**", "public/effects/**"] }];
