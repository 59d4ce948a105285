import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";

describe("negotiateLocale (Accept-Language)", () => {
  it("picks the first supported language by quality", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("fr-FR, zh-CN;q=0.7, de;q=0.5")).toBe("zh-CN");
    expect(negotiateLocale("en;q=0.5, de;q=0.9")).toBe("de");
    expect(negotiateLocale("zh-Hans-CN")).toBe("zh-CN");
  });

  it("falls back to English for nothing, unsupported, refused (q=0) or traditional Chinese", () => {
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale("fr-FR,es")).toBe("en");
    expect(negotiateLocale("de;q=0")).toBe("en");
    expect(negotiateLocale("zh-TW,zh-Hant;q=0.9")).toBe("en");
    expect(negotiateLocale("*")).toBe("en");
    expect(negotiateLocale("\u0000de, de-<script>")).toBe("en");
  });
});
