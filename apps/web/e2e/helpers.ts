import { expect, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery";

/** A unique address per test run, so reruns against one database never collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

export async function signUp(page: Page, name: string, email: string, password = PASSWORD) {
  // The suite signs up dozens of accounts from one address, and sign-up allows 10 a minute per address (a product
  // limit, README Security): when a burst of tests hits it, wait as a person would and try again.
  for (let attempt = 1; ; attempt++) {
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    const limited = formAlert(page).filter({ hasText: "Too many attempts" });
    const arrived = () => /\/dashboard/.test(page.url());
    await expect.poll(async () => arrived() || (await limited.isVisible()), { timeout: 20_000, message: "signed up, or told to wait" }).toBe(true);
    if (arrived() || attempt === 3) break;
    await page.waitForTimeout(30_000);
  }
  await expect(page).toHaveURL(/\/dashboard/);
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** The error shown inside a form (Next's route announcer is also role=alert, so scope to the form). */
export function formAlert(page: Page) {
  return page.locator("form [role=alert]");
}
