import { expect, test } from "@playwright/test";
import { meetFirefox } from "./firefox";
import { signUp, uniqueEmail } from "./helpers";

// Runs with playwright.sfu.config.ts (a real Janus; inside a network namespace, where Firefox gathers candidates
// only because the namespace's interface has a routed address: tooling/janus-harness/bin/janus-netns.sh).

test("Firefox and Chromium meet through the SFU: video and audio both ways, chat both ways", async ({ page: host, baseURL }) => {
  // A "large meeting" uses the SFU from the first participant: two browsers are enough.
  await signUp(host, "Hana Host", uniqueEmail("host"));
  await host.getByRole("link", { name: "Schedule a meeting" }).click();
  await host.getByLabel("Title").fill("Firefox through the SFU");
  await host.getByLabel("Passcode (optional)").fill("");
  await host.getByRole("checkbox", { name: /Large meeting/ }).check();
  await host.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(host).toHaveURL(/\/dashboard\?scheduled=/, { timeout: 45_000 });
  const join = await host.getByTestId("upcoming-meeting").filter({ hasText: "Firefox through the SFU" }).getByRole("link", { name: "Join" }).getAttribute("href");
  const path = new URL(join!, baseURL).pathname;

  await meetFirefox(host, baseURL!, path, "sfu");
});
