import { cookies } from "next/headers";
import { LanguageSwitch } from "./language-switch";
import { THEME_COOKIE, themeOf } from "./theme";
import { ThemeSwitch } from "./theme-switch";

/** Language and theme switches, for the site header and for pages without one (a guest's pre-join). */
export async function DisplayPreferences() {
  const theme = themeOf((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <div className="flex items-center gap-1">
      <LanguageSwitch />
      <ThemeSwitch initial={theme} />
    </div>
  );
}
