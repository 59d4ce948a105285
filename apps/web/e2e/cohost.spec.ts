import { expect, test, type Page } from "@playwright/test";
import { enterWithoutCamera, guestPage, hostWithInstantMeeting, openPanel } from "./call-helpers";
import { linkIn, mailTo } from "./mail";
import { signUp, uniqueEmail } from "./helpers";

// Three browsers joining, or two sign-ups with a mail round trip: more than the default budget on a busy machine.
test.describe.configure({ timeout: 240_000 });

/** The error code with which the server refused a call action in this page (or "ok"). */
async function tryInPage(page: Page, action: "mute" | "promote", targetName: string): Promise<string> {
  return page.evaluate(
    async ({ action, targetName }) => {
      const call = window.parleyCall!;
      const target = call.participants.find((p) => p.name === targetName);
      if (!target) return "no such participant";
      try {
        await (action === "mute" ? call.muteParticipant(target.id) : call.makeCohost(target.id));
        return "ok";
      } catch (error) {
        return (error as { code?: string }).code ?? "unknown";
      }
    },
    { action, targetName },
  );
}

const row = (page: Page, name: string) => page.getByTestId("participant-row").filter({ hasText: name });

test("the host makes a guest co-host, who mutes another guest; a guest's host actions are refused", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host);
  await enterWithoutCamera(host, path);
  const ada = await guestPage(browser);
  const bo = await guestPage(browser);
  await enterWithoutCamera(ada.page, path, "Ada Guest");
  await enterWithoutCamera(bo.page, path, "Bo Guest");

  // Before: Ada is a guest, with no moderation buttons, and the server refuses her if she tries anyway.
  await openPanel(ada.page, "People");
  await expect(row(ada.page, "Bo Guest")).toBeVisible();
  await expect(ada.page.getByRole("button", { name: "Mute Bo Guest" })).toHaveCount(0);
  expect(await tryInPage(ada.page, "mute", "Bo Guest")).toBe("forbidden");
  expect(await tryInPage(ada.page, "promote", "Bo Guest")).toBe("forbidden");
  await expect(bo.page.getByRole("button", { name: "Turn off microphone" })).toBeVisible();

  // The host promotes Ada: everyone's roster shows the role, and Ada gets the host controls.
  await openPanel(host, "People");
  await host.getByRole("button", { name: "Make Ada Guest co-host" }).click();
  await expect(row(host, "Ada Guest")).toContainText("Co-host");
  await expect(row(ada.page, "Ada Guest")).toContainText("Co-host");
  await openPanel(bo.page, "People");
  await expect(row(bo.page, "Ada Guest")).toContainText("Co-host");
  await expect(row(bo.page, "Hana Host")).toContainText("Host");
  await expect(ada.page.getByRole("button", { name: "Lock meeting" })).toBeVisible();
  // A co-host never acts on the host, and only the host changes roles.
  await expect(ada.page.getByRole("button", { name: "Mute Hana Host" })).toHaveCount(0);
  await expect(ada.page.getByRole("button", { name: "Make Bo Guest co-host" })).toHaveCount(0);
  await expect(ada.page.getByRole("button", { name: "Remove Bo Guest" })).toBeVisible();

  // Ada mutes Bo: Bo's microphone is off on Bo's page and for everyone else.
  await ada.page.getByRole("button", { name: "Mute Bo Guest" }).click();
  await expect(bo.page.getByRole("button", { name: "Turn on microphone" })).toBeVisible();
  await expect(row(host, "Bo Guest").getByLabel("Microphone off")).toBeVisible();
  // Bo (a guest) still cannot: the server refuses.
  expect(await tryInPage(bo.page, "mute", "Hana Host")).toBe("forbidden");

  // Demoted, Ada loses the controls.
  await host.getByRole("button", { name: "Remove co-host Ada Guest" }).click();
  await expect(row(ada.page, "Ada Guest")).not.toContainText("Co-host");
  await expect(ada.page.getByRole("button", { name: "Lock meeting" })).toHaveCount(0);
  expect(await tryInPage(ada.page, "mute", "Hana Host")).toBe("forbidden");
  await ada.context.close();
  await bo.context.close();
});

test("an invitee the host marks co-host in the meeting form joins as co-host", async ({ page: host, browser }) => {
  const coraContext = await browser.newContext();
  const cora = await coraContext.newPage();
  const coraEmail = uniqueEmail("cora");
  await signUp(cora, "Cora Cohost", coraEmail);
  const verify = await mailTo(coraEmail, /Confirm your email address/);
  await cora.goto(linkIn(verify, /https?:\/\/[^\s\]]+\/api\/auth\/verify-email\?[^\s\]]+/));

  await signUp(host, "Hana Host", uniqueEmail("host"));
  const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await host.getByRole("link", { name: "Schedule a meeting" }).click();
  await host.getByLabel("Title").fill("Co-hosted review");
  await host.getByLabel("Date").fill(day);
  await host.getByLabel("Starts").fill("10:00");
  await host.getByLabel("Ends", { exact: true }).fill("10:30");
  await host.getByLabel("Invitees (optional)").fill(`${coraEmail}, ivan@example.org`);
  await host.getByRole("checkbox", { name: new RegExp(coraEmail.replace(/[.+]/g, "\\$&")) }).check();
  await host.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(host).toHaveURL(/\/dashboard\?scheduled=/, { timeout: 45_000 });

  const invitation = await mailTo(coraEmail, /^Invitation: Co-hosted review/);
  const joinUrl = linkIn(invitation, /https?:\/\/[^\s\]]+\/m\/[a-z]{4}-[a-z]{4}-[a-z]{4}/);
  await enterWithoutCamera(cora, new URL(joinUrl).pathname);
  await openPanel(cora, "People");
  await expect(row(cora, "Cora Cohost")).toContainText("Co-host");
  await expect(cora.getByRole("button", { name: "Lock meeting" })).toBeVisible();
  await coraContext.close();
});
