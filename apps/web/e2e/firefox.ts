import { existsSync } from "node:fs";
import { expect, type Page as PlaywrightPage } from "@playwright/test";
import { FIREFOX_TEST_PREFS } from "@parley/test-support";
import puppeteer, { type Browser, type ElementHandle, type Page } from "puppeteer-core";
import { enterMeeting, expectAudioFlowing, expectInCall, expectVideoFlowing, openPanel, topologyOf } from "./call-helpers";

/**
 * A Firefox participant next to Playwright's Chromium. Playwright drives only its own patched Firefox, so Debian's
 * firefox-esr is driven over WebDriver BiDi with puppeteer-core; these helpers mirror call-helpers.ts for its pages.
 */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

export function launchFirefox(): Promise<Browser> {
  if (!existsSync(FIREFOX_PATH)) throw new Error(`no Firefox at ${FIREFOX_PATH}: apt-get install firefox-esr (or set FIREFOX_PATH)`);
  return puppeteer.launch({ browser: "firefox", executablePath: FIREFOX_PATH, headless: true, extraPrefsFirefox: { ...FIREFOX_TEST_PREFS } });
}

/** Click the button whose accessible name (aria-label, else its text) is exactly `name`. */
export async function clickButton(page: Page, name: string | RegExp) {
  const pattern = typeof name === "string" ? `^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` : name.source;
  const handle = await page.waitForFunction(
    (source: string) =>
      [...document.querySelectorAll("button")].find((b) => !b.disabled && new RegExp(source).test((b.getAttribute("aria-label") ?? b.textContent ?? "").trim())) ?? false,
    { timeout: 60_000, polling: 250 },
    pattern,
  );
  const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!button) throw new Error(`Firefox: no button "${String(name)}"`);
  await button.click();
  await handle.dispose();
}

export const firefoxTopology = (page: Page) => page.evaluate(() => window.parleyCall?.snapshot.room?.topology ?? null);

/** Pre-join → name → Join → connected (as enterMeeting + expectInCall). */
export async function firefoxEnterMeeting(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.locator("#name").fill(name);
  await clickButton(page, "Join");
  await page.waitForSelector('[data-testid="in-call"][data-call-state="connected"]', { timeout: 60_000 });
}

/** Per remote participant: camera frames decoded and audio packets received, from getStats in the Firefox page. */
async function remoteMedia(page: Page): Promise<{ frames: number[]; audioPackets: number[] }> {
  return page.evaluate(async () => {
    const call = window.parleyCall!;
    const video = Object.values(await call.getRemoteVideoStats());
    const audio = Object.values(await call.getRemoteAudioStats());
    return {
      frames: video.map((p) => p.tracks.filter((t) => t.source === "camera").reduce((n, t) => n + t.framesDecoded, 0)),
      audioPackets: audio.map((a) => a.packetsReceived),
    };
  });
}

/** The Firefox page decodes camera video and receives audio from `remotes` others, and both keep rising. */
export async function firefoxExpectMediaFlowing(page: Page, remotes: number) {
  let before = { frames: [] as number[], audioPackets: [] as number[] };
  const flowing = (counts: number[]) => counts.filter((n) => n > 0).length;
  await expect
    .poll(async () => ((before = await remoteMedia(page)), [flowing(before.frames), flowing(before.audioPackets)]), {
      timeout: 30_000,
      message: `Firefox decodes video and receives audio from ${remotes} others`,
    })
    .toEqual([remotes, remotes]);
  await expect
    .poll(
      async () => {
        const after = await remoteMedia(page);
        const rising = (now: number[], then: number[]) => now.length === remotes && now.every((n, i) => n > (then[i] ?? 0));
        return rising(after.frames, before.frames) && rising(after.audioPackets, before.audioPackets);
      },
      { timeout: 15_000, message: "Firefox: frames and audio packets keep increasing" },
    )
    .toBe(true);
}

export async function firefoxSendChat(page: Page, text: string) {
  await openFirefoxChat(page);
  await page.locator("#chat-input").fill(text);
  await clickButton(page, "Send message");
}

export async function firefoxExpectChat(page: Page, text: string) {
  await openFirefoxChat(page);
  await page.waitForFunction(
    (wanted: string) => [...document.querySelectorAll('[data-testid="chat-message"]')].some((m) => m.textContent?.includes(wanted)),
    { timeout: 30_000, polling: 250 },
    text,
  );
}

async function openFirefoxChat(page: Page) {
  if (await page.$("#chat-input")) return;
  // The chat button's name carries its unread count ("Chat, 2 unread").
  await clickButton(page, /^Chat(, \d+ unread)?$/);
  await page.waitForSelector("#chat-input");
}

/**
 * The Chromium page `host` and a Firefox participant meet at `path` and the call carries `topology`: video and audio
 * both ways, chat both ways. Shared by the mesh and the SFU spec.
 */
export async function meetFirefox(host: PlaywrightPage, baseURL: string, path: string, topology: "mesh" | "sfu") {
  const firefox = await launchFirefox();
  try {
    await enterMeeting(host, path);
    await expectInCall(host);
    const fox = await firefox.newPage();
    await firefoxEnterMeeting(fox, `${baseURL}${path}`, "Felix Firefox");
    expect(await topologyOf(host)).toBe(topology);
    expect(await firefoxTopology(fox)).toBe(topology);

    await expectVideoFlowing(host, 1);
    await expectAudioFlowing(host, 1);
    await firefoxExpectMediaFlowing(fox, 1);

    await firefoxSendChat(fox, "Hello from Firefox");
    await openPanel(host, "Chat");
    await expect(host.getByTestId("chat-message").filter({ hasText: "Hello from Firefox" })).toBeVisible();
    await host.getByLabel("Message everyone").fill("Hello from Chromium");
    await host.getByRole("button", { name: "Send message" }).click();
    await firefoxExpectChat(fox, "Hello from Chromium");
  } finally {
    await firefox.close();
  }
}
