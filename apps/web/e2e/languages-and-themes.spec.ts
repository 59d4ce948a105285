import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, expectInCall, hostWithInstantMeeting } from "./call-helpers";
import { expectNoCspViolations, watchCsp } from "./csp";

test.describe.configure({ timeout: 240_000 });

/** A fresh browser whose language is `locale` (Chromium sends it as Accept-Language). */
async function browserIn(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale });
  return { context, page: await context.newPage() };
}

test("the browser's language picks the page's: German and Chinese on sign-in and the guest pre-join", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host);
  const cases = [
    { locale: "de-DE", lang: "de", signIn: "Anmelden", join: "Teilnehmen", name: "Ihr Name" },
    { locale: "zh-CN", lang: "zh-CN", signIn: "登录", join: "加入", name: "您的姓名" },
  ];
  for (const c of cases) {
    const { context, page } = await browserIn(browser, c.locale);
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", c.lang);
    await expect(page.getByRole("heading", { name: c.signIn })).toBeVisible();
    await expect(page.getByRole("button", { name: c.signIn, exact: true })).toBeVisible();
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", c.lang);
    await expect(page.getByRole("button", { name: c.join, exact: true })).toBeEnabled();
    await expect(page.getByLabel(c.name)).toBeVisible();
    await context.close();
  }
  // An English browser still gets English (the other end-to-end tests rely on it).
  await host.goto("/sign-in");
  await expect(host.locator("html")).toHaveAttribute("lang", "en");
});

test("the language and theme switches change the page at once and are remembered", async ({ page }) => {
  const csp = await watchCsp(page);
  await page.goto("/sign-in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByTestId("language-switch").click();
  await page.getByRole("menuitemradio", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();

  await page.getByTestId("theme-switch").click();
  await page.getByRole("menuitemradio", { name: "Dunkel" }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();

  // Remembered: a new page load renders German and dark from the server (no script sets them).
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await background()).toBe(dark);

  // Light wins over a dark system preference; System follows it.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByTestId("theme-switch").click();
  await page.getByRole("menuitemradio", { name: "Hell" }).click();
  await expect(page.locator("html")).toHaveClass(/\blight\b/);
  const light = await background();
  expect(light).not.toBe(dark);
  await page.getByTestId("theme-switch").click();
  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect.poll(background).toBe(dark);

  await page.getByTestId("language-switch").click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expectNoCspViolations(csp, "sign-in");
});

async function expectAccessibleInBothThemes(page: Page) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page);
  }
}

/** The settings dialog's name (and its button's) in each language. */
const SETTINGS = { en: "Settings", de: "Einstellungen", "zh-CN": "设置" } as const;

test("pre-join, call and settings are accessible in light and dark, in English, German and Chinese", async ({ page, context }) => {
  const path = await hostWithInstantMeeting(page);
  for (const locale of ["en", "de", "zh-CN"] as const) {
    await context.addCookies([{ name: "parley-locale", value: locale, url: page.url() }]);
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    const join = page.locator("form button[type=submit]");
    // As enterWithoutCamera: on a loaded machine the fake camera can take most of a minute to start.
    await expect(join).toBeEnabled({ timeout: 60_000 });
    await expectAccessibleInBothThemes(page);
    await join.click();
    await expectInCall(page);
    // The chat panel follows the theme inside the always-dark call.
    await page.keyboard.press("c");
    await expect(page.locator("#chat-input")).toBeFocused();
    await expectAccessibleInBothThemes(page);
    // The in-call settings (devices, meter, effects), in this language.
    await page.getByRole("button", { name: SETTINGS[locale], exact: true }).click();
    const settings = page.getByRole("dialog", { name: SETTINGS[locale] });
    await expect(settings).toBeVisible();
    await expectAccessibleInBothThemes(page);
    // Esc closes the dialog and gives focus back to its button (not a text field: shortcuts stay quiet while typing).
    await page.keyboard.press("Escape");
    await expect(settings).toBeHidden();
    await page.keyboard.press("Control+Shift+L");
    await expect(page.getByTestId("call-ended")).toBeVisible();
  }
});
