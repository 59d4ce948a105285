/** The colour theme a person chose in the header; "system" follows `prefers-color-scheme`. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "parley-theme";

export function themeOf(value: unknown): Theme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value) ? (value as Theme) : "system";
}

/** The class on <html>: none for "system" (globals.css then follows the media query), else the chosen theme. */
export function themeClass(theme: Theme): string {
  return theme === "system" ? "" : theme;
}
