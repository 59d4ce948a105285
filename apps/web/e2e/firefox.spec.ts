import { expect, test } from "@playwright/test";
import { hostWithInstantMeeting } from "./call-helpers";
import { clickButton, launchFirefox, meetFirefox } from "./firefox";

// Debian's firefox-esr (WebDriver BiDi, puppeteer-core) next to Playwright's Chromium. The SFU variant is
// firefox.sfu.spec.ts (playwright.sfu.config.ts).

test("Firefox and Chromium meet in the mesh: video and audio both ways, chat both ways", async ({ page: host, baseURL }) => {
  await meetFirefox(host, baseURL!, await hostWithInstantMeeting(host), "mesh");
});

test("Firefox's speaker picker goes through the browser's own prompt and explains its answer; Chromium lists speakers itself", async ({ page, baseURL }) => {
  const path = await hostWithInstantMeeting(page);
  // Chromium's enumerateDevices lists speakers: no prompt button there.
  await expect(page.locator("#speaker-select")).toBeVisible();
  await expect(page.getByRole("button", { name: "Choose speaker…" })).toHaveCount(0);

  const firefox = await launchFirefox();
  try {
    const fox = await firefox.newPage();
    const pageErrors: string[] = [];
    fox.on("pageerror", (error) => pageErrors.push(String(error)));
    // Count calls into the real selectAudioOutput (it still answers as the browser does).
    await fox.evaluateOnNewDocument(() => {
      // about:blank (the new tab) is no secure context: no MediaDevices there.
      if (typeof MediaDevices === "undefined") return;
      type Prompt = (this: MediaDevices, ...args: unknown[]) => Promise<MediaDeviceInfo>;
      const devices = MediaDevices.prototype as unknown as { selectAudioOutput: Prompt };
      const counter = window as { speakerPrompts?: number };
      const real = devices.selectAudioOutput;
      devices.selectAudioOutput = function (...args) {
        counter.speakerPrompts = (counter.speakerPrompts ?? 0) + 1;
        return real.apply(this, args);
      };
    });
    await fox.goto(`${baseURL}${path}`);
    await fox.waitForSelector("#speaker-select");
    await clickButton(fox, "Choose speaker…");
    await fox.waitForFunction(() => (window as { speakerPrompts?: number }).speakerPrompts === 1, { timeout: 10_000 });

    // With no sound card the browser answers NotFoundError; with one, the chosen speaker becomes the selection.
    const outcome = async () =>
      fox.evaluate(() => {
        const select = document.querySelector<HTMLSelectElement>("#speaker-select")!;
        const status = document.querySelector('[data-testid="speaker-prompt-status"]')?.textContent ?? "";
        return status || (select.value ? `chose ${select.value}` : "");
      });
    await expect.poll(outcome, { message: "Firefox: the speaker prompt's answer is shown" }).toMatch(/^(No other speaker was found\. Sound plays on the system default\.|chose .+)$/);
    expect(pageErrors).toEqual([]);
  } finally {
    await firefox.close();
  }
});
