import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { enterWithoutCamera, expectAccessible, guestPage, hostWithInstantMeeting, openPanel } from "./call-helpers";
import { signUp, uniqueEmail } from "./helpers";

test.describe.configure({ timeout: 720_000 });

// NOTE: generous timeouts: three calls on a small, busy CI machine take a while to get going.
const SLOW = { timeout: 60_000 };


async function say(page: Page, text: string) {
  await openPanel(page, "Chat");
  await page.getByLabel("Message everyone").fill(text);
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByTestId("chat-message").filter({ hasText: text })).toBeVisible(SLOW);
}

test("the host's meeting record lists who came, for how long, and the chat; nobody else can open it", async ({ page: host, browser }) => {
  const path = await hostWithInstantMeeting(host, "Rita Recorder");
  await enterWithoutCamera(host, path);

  // Ada stays ~5 s, then Bert ~2 s (one guest at a time keeps the load of this test low); the host leaves last.
  const ada = await guestPage(browser);
  await enterWithoutCamera(ada.page, path, "Ada Attendee");
  await say(ada.page, "first from Ada");
  await ada.page.waitForTimeout(5_000);
  await ada.page.getByRole("button", { name: "Leave" }).click();
  await expect(ada.page.getByTestId("call-ended")).toContainText("You left the meeting", SLOW);
  await ada.context.close();

  const bert = await guestPage(browser);
  await enterWithoutCamera(bert.page, path, "Bert Brief");
  const bertIn = Date.now();
  await say(bert.page, "second from Bert");
  await bert.page.waitForTimeout(2_000);
  await bert.page.getByRole("button", { name: "Leave" }).click();
  await expect(bert.page.getByTestId("call-ended")).toContainText("You left the meeting", SLOW);
  const bertMs = Date.now() - bertIn;
  await bert.context.close();

  await say(host, "third from the host");
  await host.getByRole("button", { name: "Leave" }).click();
  await host.getByRole("menuitem", { name: "Leave meeting" }).click();
  await expect(host.getByTestId("call-ended")).toBeVisible(SLOW);

  await host.goto("/dashboard");
  await host.getByRole("link", { name: /Record of/ }).first().click();
  await expect(host).toHaveURL(/\/meetings\/[0-9a-f-]{36}\/record$/, SLOW);
  await expect(host.getByRole("heading", { level: 1 })).toHaveText("Rita Recorder's meeting");
  const recordUrl = host.url();

  const rows = host.getByTestId("attendee");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Rita Recorder");
  await expect(rows.nth(0)).toContainText("Host");
  await expect(rows.nth(1)).toContainText("Ada Attendee");
  await expect(rows.nth(2)).toContainText("Bert Brief");
  for (let i = 0; i < 3; i++) await expect(rows.nth(i)).not.toContainText("Still in the call");
  const seconds = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-seconds"))));
  const [hostSeconds = 0, adaSeconds = 0, bertSeconds = 0] = seconds;
  // Plausible: Bert was in for about as long as we watched him (joining adds a little), Ada 5 s or more, the host
  // through both visits.
  expect(bertSeconds).toBeGreaterThanOrEqual(Math.floor(bertMs / 1000) - 1);
  expect(bertSeconds).toBeLessThan(Math.ceil(bertMs / 1000) + 30);
  expect(adaSeconds).toBeGreaterThanOrEqual(5);
  expect(hostSeconds).toBeGreaterThanOrEqual(adaSeconds + bertSeconds);
  await expect(host.getByTestId("transcript-message")).toHaveText([
    /Ada Attendee: first from Ada/,
    /Bert Brief: second from Bert/,
    /Rita Recorder: third from the host/,
  ]);
  await expectAccessible(host);

  const downloadPromise = host.waitForEvent("download");
  await host.getByRole("link", { name: "Download as text" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/-chat-\d{4}-\d{2}-\d{2}\.txt$/);
  const text = await readFile((await download.path())!, "utf8");
  const order = ["Ada Attendee: first from Ada", "Bert Brief: second from Bert", "Rita Recorder: third from the host"].map((line) => text.indexOf(line));
  expect(order.every((index) => index > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);

  // Someone else, signed in, gets a 404 for the page and the transcript.
  const other = await guestPage(browser);
  await signUp(other.page, "Nosy Neighbour", uniqueEmail("nosy"));
  const page404 = await other.page.goto(recordUrl);
  expect(page404?.status()).toBe(404);
  const transcript404 = await other.page.request.get(recordUrl.replace("/meetings/", "/api/meetings/").replace(/\/record$/, "/transcript"));
  expect(transcript404.status()).toBe(404);
  expect((await other.page.goto(`${recordUrl}?at=../../etc`))?.status()).toBe(404);
  await other.context.close();
});
