/** The languages Parley speaks; `messages/<locale>.json` exists for each. English is the fallback. */
export const LOCALES = ["en", "de", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Set by the language switch; read on every request (no locale in the URL: links stay the same in every language). */
export const LOCALE_COOKIE = "parley-locale";

/** Each language's name in itself, for the switch. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", de: "Deutsch", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The supported locale a language tag asks for: "de-AT" → de, "zh", "zh-Hans-CN", "zh-SG" → zh-CN; else null. */
function supportedLocaleOf(tag: string): Locale | null {
  const [language, ...rest] = tag.toLowerCase().split("-");
  if (language === "en") return "en";
  if (language === "de") return "de";
  // Traditional Chinese readers (zh-TW, zh-HK, zh-Hant) get English rather than the simplified script.
  if (language === "zh") return rest.some((part) => part === "hant" || part === "tw" || part === "hk" || part === "mo") ? null : "zh-CN";
  return null;
}

/**
 * The best supported locale for an Accept-Language header (RFC 9110 §12.5.4: tags by descending q, q=0 refused),
 * or the default. Bounded: a header longer than 1 kB or with more than 32 entries is read up to there.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranges = acceptLanguage
    .slice(0, 1024)
    .split(",")
    .slice(0, 32)
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.quality > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(range.tag))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const locale = supportedLocaleOf(range.tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
