import type messages from "../../messages/en.json";
import type { Locale } from "./locales";

// Typed keys: a t("…") whose key is not in messages/en.json fails the typecheck.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
