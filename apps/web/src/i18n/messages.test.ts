import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import de from "../../messages/de.json";
import en from "../../messages/en.json";
import zhCN from "../../messages/zh-CN.json";
import { LOCALES } from "./locales";

type Catalogue = { [key: string]: string | Catalogue };
const CATALOGUES: Record<(typeof LOCALES)[number], Catalogue> = { en, de, "zh-CN": zhCN };

/** "a.b.c" → message, for every message of a catalogue. */
function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The ICU arguments ({name}, {count, plural, …}) and rich-text tags (<strong>) a message uses. */
function placeholders(message: string): string[] {
  // NOTE: not the text of a plural/select branch ("one {Daily}"), which reads like an argument.
  const args = [...message.matchAll(/(?<!(?:^|[\s}])(?:zero|one|two|few|many|other|=\d+)\s*)\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([A-Za-z]\w*)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

const english = flatten(en);

describe("message catalogues", () => {
  it("covers every locale the app offers", () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES) {
    const messages = flatten(CATALOGUES[locale]);

    it(`${locale} has exactly the English keys`, () => {
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it(`${locale} uses the same placeholders as English in every message`, () => {
      const differing = [...english].filter(([key, source]) => messages.has(key) && placeholders(messages.get(key)!).join() !== placeholders(source).join());
      expect(differing.map(([key]) => key)).toEqual([]);
    });

    it(`${locale} messages all format (valid ICU) and none is empty`, () => {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages: CATALOGUES[locale] as typeof en, onError: (error) => errors.push(error.message) });
      const format = t as unknown as { markup: (key: string, values: Record<string, unknown>) => string };
      for (const [key, message] of messages) {
        expect(message.trim(), key).not.toBe("");
        const values = Object.fromEntries(placeholders(message).map((p) => (p.startsWith("<") ? [p.slice(1, -1), (chunks: string) => chunks] : [p.slice(1, -1), 2])));
        format.markup(key, values);
      }
      expect(errors).toEqual([]);
    });
  }
});
