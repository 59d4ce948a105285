"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, isLocale } from "@/i18n/locales";
import { setPreferenceCookie } from "./preference-cookie";

const item = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100";

/** The page's language; remembered in a cookie, the server renders the page again in the new language. */
export function LanguageSwitch() {
  const t = useTranslations("preferences");
  const locale = useLocale();
  const router = useRouter();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex h-9 items-center gap-1.5 rounded-md px-2 text-sm text-slate-700 hover:bg-slate-100"
        aria-label={t("languageMenu", { language: isLocale(locale) ? LOCALE_NAMES[locale] : locale })}
        data-testid="language-switch"
      >
        <Languages aria-hidden className="size-4" />
        <span className="hidden sm:inline">{isLocale(locale) ? LOCALE_NAMES[locale] : locale}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-slate-600">{t("languageLabel")}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup
            value={locale}
            onValueChange={(value) => {
              if (!isLocale(value)) return;
              setPreferenceCookie(LOCALE_COOKIE, value);
              router.refresh();
            }}
          >
            {LOCALES.map((option) => (
              <DropdownMenu.RadioItem key={option} value={option} lang={option} className={item}>
                <span className="flex-1">{LOCALE_NAMES[option]}</span>
                <DropdownMenu.ItemIndicator>
                  <Check aria-hidden className="size-4" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
