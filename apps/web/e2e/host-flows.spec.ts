import { expect, test, type Page } from "@playwright/test";
import { enterWithoutCamera, expectAccessible, guestPage, openPanel } from "./call-helpers";
import { signUp, uniqueEmail } from "./helpers";

test.describe.configure({ timeout: 240_000 });

/** Signs up a host and schedules a meeting, with the lobby on or off and with a generated passcode or none. */
async function scheduleMeeting(host: Page, options: { lobby: boolean; passcode: boolean }): Promise<{ path: string; passcode: string }> {
  await signUp(host, "Hal Host", uniqueEmail("flows"));
  await host.getByRole("link", { name: "Schedule a meeting" }).click();
  await host.getByLabel("Title").fill("Host flows");
  if (options.lobby) await host.getByRole("checkbox", { name: /Lobby/ }).check();
  let passcode = "";
  if (options.passcode) {
    await host.getByRole("button", { name: "Generate" }).click();
    await expect(host.getByLabel("Passcode (optional)")).toHaveValue(/^[A-Za-z2-9]{10}$/);
    passcode = await host.getByLabel("Passcode (optional)").inputValue();
  }
  await host.getByRole("button", { name: "Schedule meeting" }).click();
  const path = await host.getByRole("button", { name: "Copy link" }).first().getAttribute("data-join-link");
  return { path: path!, passcode };
}

/** Pre-join → camera off → Join, for someone who ends up in the lobby. */
async function knock(page: Page, path: string, name: string) {
  await page.goto(path);
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Turn off camera" }).click();
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(page.getByTestId("lobby-waiting")).toBeVisible({ timeout: 60_000 });
}

const inCall = (page: Page) => expect(page.getByTestId("in-call")).toHaveAttribute("data-call-state", "connected", { timeout: 60_000 });

test("host flows: a knock pops up, a denied guest is told so, admit all, remove or remove and block, end for all after confirming", async ({ page: host, browser }) => {
  const { path } = await scheduleMeeting(host, { lobby: true, passcode: false });
  await enterWithoutCamera(host, path);

  // Someone knocks: the host gets a toast with the name; denied, the guest reads that the host declined.
  const dora = await guestPage(browser);
  await knock(dora.page, path, "Dora Denied");
  const toast = host.getByTestId("lobby-knock");
  await expect(toast).toContainText("Dora Denied is waiting to join");
  await openPanel(host, "People");
  await host.getByRole("button", { name: "Deny Dora Denied" }).click();
  await expect(toast).toBeHidden();
  await expect(dora.page.getByTestId("call-ended")).toContainText("You were not let in");
  await expect(dora.page.getByTestId("call-ended")).toContainText("The host declined your request to join.");
  await expect(dora.page.getByText("Connection lost")).toHaveCount(0);

  // Two knock; "Admit all" lets both in.
  const ava = await guestPage(browser);
  const abe = await guestPage(browser);
  await knock(ava.page, path, "Ava Again");
  await knock(abe.page, path, "Abe Blocked");
  await expect(toast).toContainText("(and 1 more)");
  await host.getByTestId("lobby").getByRole("button", { name: "Admit all" }).click();
  await inCall(ava.page);
  await inCall(abe.page);

  // Remove asks first: "Cancel" keeps Ava in; "Remove" lets her ask to join again, and her name is remembered.
  await host.getByRole("button", { name: "Remove Ava Again" }).click();
  const removeAva = host.getByRole("dialog", { name: "Remove Ava Again?" });
  await expect(removeAva).toContainText("may ask to join again");
  await expectAccessible(host);
  await removeAva.getByRole("button", { name: "Cancel" }).click();
  await expect(removeAva).toBeHidden();
  await expect(ava.page.getByTestId("in-call")).toBeVisible();
  await host.getByRole("button", { name: "Remove Ava Again" }).click();
  await removeAva.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(ava.page.getByTestId("call-ended")).toContainText("You can ask to join again.");
  await ava.page.getByRole("button", { name: "Ask to join again" }).click();
  await expect(ava.page.getByLabel("Your name")).toHaveValue("Ava Again", { timeout: 30_000 });
  await ava.page.getByRole("button", { name: "Turn off camera" }).click();
  await ava.page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(ava.page.getByTestId("lobby-waiting")).toBeVisible({ timeout: 60_000 });
  await toast.getByRole("button", { name: "Admit", exact: true }).click();
  await inCall(ava.page);

  // "Remove and block": Abe is told he can't come back, and a second try is refused.
  await host.getByRole("button", { name: "Remove Abe Blocked" }).click();
  await host.getByRole("dialog", { name: "Remove Abe Blocked?" }).getByRole("button", { name: "Remove and block" }).click();
  await expect(abe.page.getByTestId("call-ended")).toContainText("can't join it again");
  await expect(abe.page.getByRole("button", { name: "Ask to join again" })).toHaveCount(0);
  await abe.page.goto(path);
  await abe.page.getByRole("button", { name: "Turn off camera" }).click();
  await abe.page.getByRole("button", { name: "Join", exact: true }).click();
  await expect(abe.page.locator("form [role=alert]")).toHaveText("You can't join this meeting again.", { timeout: 60_000 });

  // End for all asks first; "Go back" changes nothing.
  await host.getByRole("button", { name: "Leave", exact: true }).click();
  await host.getByRole("menuitem", { name: "End meeting for all" }).click();
  const endDialog = host.getByRole("dialog", { name: "End the meeting for everyone?" });
  await expect(endDialog).toBeVisible();
  await expectAccessible(host);
  await endDialog.getByRole("button", { name: "Go back" }).click();
  await expect(endDialog).toBeHidden();
  await expect(ava.page.getByTestId("in-call")).toBeVisible();
  await host.getByRole("button", { name: "Leave", exact: true }).click();
  await host.getByRole("menuitem", { name: "End meeting for all" }).click();
  await endDialog.getByRole("button", { name: "End meeting for all" }).click();
  await expect(ava.page.getByTestId("call-ended")).toContainText("The host ended the meeting for everyone.");
  await expect(host.getByTestId("call-ended")).toBeVisible();

  for (const guest of [dora, ava, abe]) await guest.context.close();
});

test("pre-join: a wrong passcode keeps what was typed and puts the cursor in the passcode; a guest's name is remembered", async ({ page: host, browser }) => {
  const { path, passcode } = await scheduleMeeting(host, { lobby: false, passcode: true });
  await enterWithoutCamera(host, path);

  const pat = await guestPage(browser);
  const page = pat.page;
  await page.goto(path);
  await page.getByRole("button", { name: "Turn off camera" }).click();
  const join = page.getByRole("button", { name: "Join", exact: true });
  await expect(join).toBeEnabled({ timeout: 60_000 });

  // An empty name: its own message at the field, and the cursor there.
  await join.click();
  await expect(page.getByLabel("Your name")).toBeFocused();
  await expect(page.getByText("Enter your name so others know who you are.")).toBeVisible();

  await page.getByLabel("Your name").fill("Pat Passcode");
  await page.getByLabel("Meeting passcode").fill("not-the-passcode");
  await join.click();
  await expect(page.getByText("That passcode is not right. Check it and try again.")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel("Meeting passcode")).toBeFocused();
  await expect(page.getByLabel("Meeting passcode")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your name")).toHaveValue("Pat Passcode");
  await expect(page.getByLabel("Meeting passcode")).toHaveValue("not-the-passcode");
  await expectAccessible(page);

  await page.getByLabel("Meeting passcode").fill(passcode);
  await join.click();
  await inCall(page);

  // The same browser, another visit: the name is filled in.
  const again = await pat.context.newPage();
  await again.goto(path);
  await expect(again.getByLabel("Your name")).toHaveValue("Pat Passcode");
  await pat.context.close();
});
