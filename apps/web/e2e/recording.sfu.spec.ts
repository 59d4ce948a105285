import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { enterWithoutCamera, expectAccessible, hostWithInstantMeeting } from "./call-helpers";

// Runs with playwright.sfu.config.ts: recording needs the SFU (a real Janus, inside a network namespace).

const topologyOf = (page: Page) => page.evaluate(() => window.parleyCall?.snapshot.room?.topology ?? null);


test("the host records: every page shows the Recording indicator until it stops, and newcomers are told before joining", async ({ page: host, browser }) => {
  const contexts: BrowserContext[] = [];
  try {
    const path = await hostWithInstantMeeting(host, "Rosa Recorder");
    await enterWithoutCamera(host, path);
    const guests: Page[] = [];
    for (const name of ["Ada", "Bert"]) {
      const context = await browser.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await enterWithoutCamera(page, path, name);
      guests.push(page);
    }
    const everyone = [host, ...guests];
    for (const page of everyone) await expect(page.getByTestId("recording-indicator")).toHaveCount(0);
    for (const guest of guests) await expect(guest.getByRole("button", { name: "Record", exact: true })).toHaveCount(0);
    expect(await topologyOf(host)).toBe("mesh");

    await host.getByRole("button", { name: "Record", exact: true }).click();
    await host.getByRole("dialog", { name: "Record this meeting?" }).getByRole("button", { name: "Start recording" }).click();
    for (const page of everyone) {
      const indicator = page.getByTestId("recording-indicator");
      await expect(indicator).toHaveText("Recording");
      // Inside a polite live region: screen readers announce it.
      await expect(page.locator('[aria-live="polite"]').filter({ has: indicator })).toHaveCount(1);
    }
    // The server needs every stream: the mesh moved to the SFU.
    for (const page of everyone) await expect.poll(() => topologyOf(page), { message: "moved to the SFU" }).toBe("sfu");
    await expect(host.getByRole("button", { name: "Stop recording" })).toBeVisible();
    await expectAccessible(host);

    // Someone opening the link now is told before entering.
    const latecomer = await browser.newContext();
    contexts.push(latecomer);
    const late = await latecomer.newPage();
    await late.goto(path);
    await expect(late.getByTestId("recording-notice")).toHaveText(/This meeting is being recorded\./);

    await host.getByRole("button", { name: "Stop recording" }).click();
    for (const page of everyone) await expect(page.getByTestId("recording-indicator")).toHaveCount(0);
    await expect(host.getByRole("button", { name: "Record", exact: true })).toBeVisible();
    await late.reload();
    await expect(late.getByTestId("meeting-title")).toBeVisible();
    await expect(late.getByTestId("recording-notice")).toHaveCount(0);
  } finally {
    for (const context of contexts) await context.close();
  }
});
