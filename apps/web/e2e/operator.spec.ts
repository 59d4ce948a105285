import { expect, test, type Browser, type Page } from "@playwright/test";
import { enterMeeting, expectInCall } from "./call-helpers";
import { expectNoCspViolations, watchCsp } from "./csp";
import { formAlert, PASSWORD, signIn, signOut, signUp, uniqueEmail } from "./helpers";

// Several accounts, an SSO round trip and a call per test: more than the default budget on a busy machine.
test.describe.configure({ timeout: 180_000 });

/** At the OpenID Connect provider's (oidc-provider's) login and consent pages, as `login`. */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function adminPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const login = `admin-${Date.now()}`;
  await signInWithSso(page, login);
  return { context, page, email: `${login}@example.org` };
}

test("single sign-on end to end: first sign-in creates the account, the admin group opens /admin, sign-out", async ({ page }) => {
  const login = `admin-sso-${Date.now()}`;
  await signInWithSso(page, login);
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Administration" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const me = page.getByRole("listitem", { name: `${login}@example.org` });
  await expect(me).toContainText("Administrator");
  await expect(me).toContainText("You");

  await signOut(page);
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);

  // Signing in again reaches the same account (no second one); the provider still knows the browser, so it asks
  // for nothing: signing out of Parley ends the Parley session only.
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/admin");
  await expect(page.getByRole("listitem", { name: `${login}@example.org` })).toHaveCount(1);
});

test("a member gets 404 on /admin; an administrator disables them: signed out, sign-in refused", async ({ page, browser }) => {
  const admin = await adminPage(browser);
  const email = uniqueEmail("member");
  await signUp(page, "Mia Member", email);
  expect((await page.goto("/admin"))?.status()).toBe(404);

  await admin.page.goto("/admin");
  const row = admin.page.getByRole("listitem", { name: email });
  await row.getByRole("button", { name: `Disable ${email}` }).click();
  await admin.page.getByRole("dialog").getByRole("button", { name: "Disable account" }).click();
  await expect(row).toContainText("Disabled");

  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page, email);
  await expect(formAlert(page)).toContainText("This account is disabled");
  await admin.context.close();
});

test("an administrator sees who is in a live meeting and ends it for everyone", async ({ page, browser }) => {
  const admin = await adminPage(browser);
  await signUp(page, "Lou Live", uniqueEmail("live"));
  await page.getByRole("button", { name: "Start an instant meeting" }).click();
  await expect(page).toHaveURL(/\/m\/[a-z-]+$/);
  await enterMeeting(page, new URL(page.url()).pathname);
  await expectInCall(page);

  // The confirmation dialog locks scrolling with a <style> element: it must carry the page's CSP nonce.
  const adminCsp = await watchCsp(admin.page);
  await admin.page.goto("/admin");
  const live = admin.page.getByRole("region", { name: "Live meetings" }).getByRole("listitem").filter({ hasText: "Lou Live" }).first();
  await expect(live).toBeVisible();
  await live.getByRole("button", { name: /for everyone/ }).click();
  await admin.page.getByRole("dialog").getByRole("button", { name: "End meeting" }).click();
  await expect(page.getByTestId("call-ended")).toContainText("An administrator of this server ended the meeting.");
  await expect(admin.page.getByRole("region", { name: "Live meetings" })).not.toContainText("Lou Live");
  expectNoCspViolations(adminCsp, "/admin");
  await admin.context.close();
});

test("sign-up closed by an administrator: the page says so and the server refuses", async ({ browser }) => {
  const admin = await adminPage(browser);
  const setMode = async (label: RegExp) => {
    await admin.page.goto("/admin");
    await admin.page.getByRole("radio", { name: label }).check();
    await admin.page.getByRole("button", { name: "Save sign-up setting" }).click();
    await expect(admin.page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  };
  const visitor = await browser.newContext();
  try {
    await setMode(/^Closed/);
    const page = await visitor.newPage();
    await page.goto("/sign-up");
    await expect(page.getByRole("status").filter({ hasText: "Sign-up is closed" })).toBeVisible();
    const email = uniqueEmail("late");
    await page.getByLabel("Name").fill("Late Comer");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(formAlert(page)).toContainText("Sign-up is closed on this server");

    // An invitation from the administrator opens the door for that one address.
    await admin.page.getByLabel("Invite an email address").fill(email);
    await admin.page.getByRole("button", { name: "Invite", exact: true }).click();
    await expect(admin.page.getByRole("list", { name: "Invited addresses" })).toContainText(email);
    await signUp(page, "Late Comer", email);
  } finally {
    await setMode(/^As configured/);
    await visitor.close();
    await admin.context.close();
  }
});
