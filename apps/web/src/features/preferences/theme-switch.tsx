"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, Monitor, Moon, Sun } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { setPreferenceCookie } from "./preference-cookie";
import { THEME_COOKIE, THEMES, themeClass, type Theme } from "./theme";

const ICONS = { system: Monitor, light: Sun, dark: Moon } as const;
const item = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-slate-100";

/** System / Light / Dark; applied at once on this page, remembered in a cookie the server renders from. */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const t = useTranslations("preferences");
  const router = useRouter();
  const [theme, setTheme] = useState(initial);
  const Icon = ICONS[theme];
  function choose(next: Theme) {
    setTheme(next);
    setPreferenceCookie(THEME_COOKIE, next);
    const root = document.documentElement;
    root.classList.remove("light", "dark");
    if (themeClass(next)) root.classList.add(themeClass(next));
    router.refresh();
  }
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex size-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100"
        aria-label={t("themeMenu", { theme: t(`theme.${theme}`) })}
        data-testid="theme-switch"
      >
        <Icon aria-hidden className="size-4" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-40 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-slate-600">{t("themeLabel")}</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={theme} onValueChange={(value) => choose(value as Theme)}>
            {THEMES.map((option) => {
              const OptionIcon = ICONS[option];
              return (
                <DropdownMenu.RadioItem key={option} value={option} className={item}>
                  <OptionIcon aria-hidden className="size-4" />
                  <span className="flex-1">{t(`theme.${option}`)}</span>
                  <DropdownMenu.ItemIndicator>
                    <Check aria-hidden className="size-4" />
                  </DropdownMenu.ItemIndicator>
                </DropdownMenu.RadioItem>
              );
            })}
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
