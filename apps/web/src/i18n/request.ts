import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, isLocale, negotiateLocale, type Locale } from "./locales";

/** The request's language: the switch's cookie if it names a supported locale, else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
}

// next-intl without i18n routing: one URL per page, the language comes from the request.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
    // Dates are formatted with luxon in the meeting's or viewer's zone (src/lib/format.ts), never by next-intl's default.
    timeZone: "UTC",
  };
});
