import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { enterMeeting, expectAudioFlowing, expectInCall, expectVideoFlowing, hostWithInstantMeeting } from "./call-helpers";

// Runs with playwright.sfu.config.ts (a real Janus; inside a network namespace).

/** Six cameras on two cores: ask every page's camera for 320×180 at 15 fps. */
async function smallVideoContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => {
      if (!constraints?.video) return original(constraints);
      const video = typeof constraints.video === "object" ? constraints.video : {};
      return original({ ...constraints, video: { ...video, width: { ideal: 320 }, height: { ideal: 180 }, frameRate: { ideal: 15 } } });
    };
  });
  return context;
}

const topologyOf = (page: Page) => page.evaluate(() => window.parleyCall?.snapshot.room?.topology ?? null);

test("six people: a mesh until the fifth joins, then everyone moves to the SFU without leaving; video, audio, screen share", async ({ browser }) => {
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const open = async () => {
    const context = await smallVideoContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    pages.push(page);
    return page;
  };
  try {
    const host = await open();
    const path = await hostWithInstantMeeting(host);
    await enterMeeting(host, path);
    await expectInCall(host);
    for (const name of ["Ada", "Bert"]) {
      const page = await open();
      await enterMeeting(page, path, name);
      await expectInCall(page);
    }
    // Three people: a mesh.
    for (const page of pages) {
      expect(await topologyOf(page)).toBe("mesh");
      await expectVideoFlowing(page, 2);
    }

    // The fourth still fits the mesh; the fifth moves everyone to the SFU, and nobody leaves.
    for (const name of ["Cleo", "Dan"]) {
      const page = await open();
      await enterMeeting(page, path, name);
      await expectInCall(page);
    }
    for (const page of pages) await expect.poll(() => topologyOf(page), { message: "moved to the SFU" }).toBe("sfu");
    for (const page of pages) await expectVideoFlowing(page, 4);
    for (const page of pages) await expect(page.getByTestId("participant-count")).toHaveText("5 in call");

    // A sixth joins straight into the SFU.
    const eve = await open();
    await enterMeeting(eve, path, "Eve");
    await expectInCall(eve);
    expect(await topologyOf(eve)).toBe("sfu");
    for (const page of pages) await expectVideoFlowing(page, 5);
    for (const page of pages) await expectAudioFlowing(page, 5);

    // Screen share through the SFU reaches the five others.
    await pages[1]!.getByRole("button", { name: "Share screen" }).click();
    for (const page of pages.filter((_, i) => i !== 1)) {
      await expect(page.getByTestId("screen-tile")).toBeVisible();
      await expectVideoFlowing(page, 1, "screen");
    }
  } finally {
    for (const context of contexts) await context.close();
  }
});
