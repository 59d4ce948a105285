import { expect, test, type Page } from "@playwright/test";
import { linkIn, mailTo } from "./mail";
import { PASSWORD, signIn, signUp, uniqueEmail } from "./helpers";

// Two sign-ups, mail round trips and a schedule: more than the suite's default budget on a busy machine.
test.describe.configure({ timeout: 240_000 });

async function schedule(page: Page, title: string, invitee: string) {
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Date").fill(day);
  await page.getByLabel("Starts").fill("10:00");
  await page.getByLabel("Ends", { exact: true }).fill("10:30");
  await page.getByLabel("Invitees (optional)").fill(invitee);
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  // NOTE: generous: the server action also queues the invitations, and CI machines can be busy.
  await expect(page).toHaveURL(/\/dashboard\?scheduled=/, { timeout: 45_000 });
}

test("an invitee with an account sees the meeting, answers through the mailed RSVP link, and the host sees it", async ({ page, browser }) => {
  // The invitee has an account and confirmed the address with the mailed link.
  const inviteeContext = await browser.newContext();
  const invitee = await inviteeContext.newPage();
  const inviteeEmail = uniqueEmail("invitee");
  await signUp(invitee, "Ivy Invitee", inviteeEmail);
  const verify = await mailTo(inviteeEmail, /Confirm your email address/);
  await invitee.goto(linkIn(verify, /https?:\/\/[^\s\]]+\/api\/auth\/verify-email\?[^\s\]]+/));
  await invitee.goto("/dashboard");
  await expect(invitee.getByText("Confirm your email address")).toHaveCount(0);

  const hostEmail = uniqueEmail("host");
  await signUp(page, "Hana Host", hostEmail);
  await schedule(page, "Design review", inviteeEmail);
  const rsvpStatus = page.getByTestId("rsvp-status").filter({ hasText: inviteeEmail });
  await expect(rsvpStatus).toContainText("no answer yet");

  // The invitation arrives with a REQUEST calendar part; the meeting shows on the invitee's dashboard.
  const invitation = await mailTo(inviteeEmail, /^Invitation: Design review/);
  expect(invitation.calendars[0]?.method).toBe("REQUEST");
  await invitee.reload();
  const item = invitee.getByTestId("upcoming-meeting").filter({ hasText: "Design review" });
  await expect(item).toBeVisible();
  await expect(item.getByTestId("invited-by")).toHaveText("Invited by Hana Host");
  const ics = await invitee.request.get((await item.getByRole("link", { name: /Download calendar invite/ }).getAttribute("href"))!);
  expect(ics.status()).toBe(200);
  expect(await ics.text()).toContain("SUMMARY:Design review");

  // The RSVP link needs no sign-in: a fresh browser opens it and accepts.
  const strangerContext = await browser.newContext();
  const rsvpPage = await strangerContext.newPage();
  await rsvpPage.goto(linkIn(invitation, /https?:\/\/[^\s\]]+\/rsvp\/[^\s\]?]+\?answer=accepted/));
  await expect(rsvpPage.getByRole("heading", { name: "Design review" })).toBeVisible();
  await rsvpPage.getByRole("button", { name: "Accept" }).click();
  await expect(rsvpPage.getByText("You accepted.")).toBeVisible();

  // A tampered link is refused and changes nothing.
  const tampered = await strangerContext.newPage();
  await tampered.goto(linkIn(invitation, /https?:\/\/[^\s\]]+\/rsvp\/[^\s\]?]+\?answer=declined/).replace(/\/rsvp\/(.)/, (_m, c: string) => `/rsvp/${c === "e" ? "f" : "e"}`));
  await expect(tampered.getByText("This answer link is not valid.")).toBeVisible();

  await page.reload();
  await expect(rsvpStatus).toContainText("accepted");
  await inviteeContext.close();
  await strangerContext.close();
});

test("password reset end to end through the mail", async ({ page, browser }) => {
  const email = uniqueEmail("forgetful");
  await signUp(page, "Fay Forgetful", email);
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto("/sign-in");
  await visitor.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: fill only once the reset form is there (a slow client-side navigation
  // left the address in the old page's field and sent the reset form empty).
  await expect(visitor.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByRole("button", { name: "Send reset link" }).click();
  await expect(visitor.getByText("If an account uses this address")).toBeVisible({ timeout: 45_000 });

  const mail = await mailTo(email, /^Reset your Parley password/);
  await visitor.goto(linkIn(mail, /https?:\/\/[^\s\]]+\/api\/auth\/reset-password\/[^\s\]]+/));
  await expect(visitor).toHaveURL(/\/reset-password\?token=/);
  const newPassword = "a brand new passphrase";
  await visitor.getByLabel("New password", { exact: true }).fill(newPassword);
  await visitor.getByLabel("Repeat the new password").fill(newPassword);
  await visitor.getByRole("button", { name: "Set new password" }).click();
  await expect(visitor.getByText("Your password was changed.")).toBeVisible({ timeout: 45_000 });

  await signIn(visitor, email, PASSWORD);
  await expect(visitor.locator("form [role=alert]")).toHaveText("Email or password is incorrect.");
  await signIn(visitor, email, newPassword);
  await expect(visitor).toHaveURL(/\/dashboard/);
  await context.close();
});

test("the host moves one occurrence and cancels another; the invitee gets each change, the dashboard shows the series as changed", async ({ page }) => {
  const invitee = uniqueEmail("weekly");
  await signUp(page, "Sam Series", uniqueEmail("series"));
  // A weekly meeting from the same weekday next week on.
  const first = new Date(Date.now() + 7 * 86_400_000);
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await page.getByLabel("Title").fill("Weekly sync");
  await page.getByLabel("Date").fill(first.toISOString().slice(0, 10));
  await page.getByLabel("Starts").fill("10:00");
  await page.getByLabel("Ends", { exact: true }).fill("10:30");
  await page.getByLabel("Frequency").selectOption("weekly");
  await page.getByLabel("Invitees (optional)").fill(invitee);
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page).toHaveURL(/\/dashboard\?scheduled=/, { timeout: 45_000 });
  await mailTo(invitee, /^Invitation: Weekly sync/);
  const items = page.getByTestId("upcoming-meeting").filter({ hasText: "Weekly sync" });
  const times = async () => items.getByTestId("occurrence-time").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("datetime")));
  const before = await times();
  expect(before.length).toBeGreaterThanOrEqual(3);

  // Move the second occurrence to 14:00 the same day.
  await items.nth(1).getByRole("link", { name: /^Move the .* occurrence of Weekly sync$/ }).click();
  await expect(page.getByRole("heading", { name: /Change one occurrence of “Weekly sync”/ })).toBeVisible();
  await page.getByLabel("Starts").fill("14:00");
  await page.getByLabel("Ends", { exact: true }).fill("14:30");
  await page.getByRole("button", { name: "Move this occurrence" }).click();
  await expect(page).toHaveURL(/\/dashboard\?updated=1/, { timeout: 45_000 });
  const update = await mailTo(invitee, /^Updated invitation: Weekly sync/);
  expect(update.calendars[0]?.content).toMatch(/^RECURRENCE-ID[;:]/m);
  expect(update.calendars[0]?.content).toContain("SEQUENCE:1");
  const moved = await times();
  expect(moved[1]).toBe(new Date(new Date(before[1]!).getTime() + 4 * 3_600_000).toISOString());

  // Cancel the third occurrence only.
  await items.nth(2).getByRole("button", { name: /^Cancel / }).click();
  await page.getByRole("button", { name: "This occurrence" }).click();
  await expect.poll(times).not.toContain(before[2]);
  const cancel = await mailTo(invitee, /^Cancelled: Weekly sync/);
  expect(cancel.calendars[0]?.method).toBe("CANCEL");
  expect(cancel.calendars[0]?.content).toContain("SEQUENCE:2");
  expect(await times()).toContain(before[0]);
});
