import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { poll } from "./report";

// Chromium on the host reaches the stack only through the ports compose publishes (web and signaling on 127.0.0.1,
// media on this machine's own address), as a browser reaches a server's public address.

export const PASSWORD = "correct horse battery";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    // Only the interface of the default route, as on a participant's own computer: this machine's others are Docker's
    // bridges, which no participant has.
    args: [...CHROMIUM_TEST_FLAGS, "--force-webrtc-ip-handling-policy=default_public_interface_only"],
  });
}

/**
 * A page in its own context (own cookies, own fake camera at 320×180/15 fps: several cameras share two cores with
 * the whole stack), which remembers its RTCPeerConnections so that the selected ICE pairs can be read.
 */
export async function openPage(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  // Accounts take the browser's time zone at sign-up; this machine runs in UTC, for which an .ics carries no zone.
  const context = await browser.newContext({ baseURL, timezoneId: "Europe/Berlin" });
  // Two cores shared by the whole stack, three cameras and the build caches of other jobs: pages can be slow.
  context.setDefaultNavigationTimeout(90_000);
  context.setDefaultTimeout(45_000);
  await context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => {
      if (!constraints?.video) return original(constraints);
      const video = typeof constraints.video === "object" ? constraints.video : {};
      return original({ ...constraints, video: { ...video, width: { ideal: 320 }, height: { ideal: 180 }, frameRate: { ideal: 15 } } });
    };
    const Original = window.RTCPeerConnection;
    const created: RTCPeerConnection[] = [];
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = created;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        created.push(this);
      }
    } as typeof RTCPeerConnection;
  });
  return { context, page: await context.newPage() };
}

async function waitForPath(page: Page, pattern: RegExp, what: string): Promise<void> {
  await poll(async () => new URL(page.url()).pathname + new URL(page.url()).search, (path) => pattern.test(path), what);
}

export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await waitForPath(page, /^\/dashboard/, "signed up, on the dashboard");
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await waitForPath(page, /^\/dashboard/, `signed in as ${email}`);
}

/** The form's error after a refused sign-in, or null once the dashboard shows. */
export async function signInRefused(page: Page, email: string): Promise<boolean> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.locator("form [role=alert]").waitFor({ timeout: 15_000 });
  return !new URL(page.url()).pathname.startsWith("/dashboard");
}

/** Schedules a one-off meeting tomorrow 09:00–10:00 from the dashboard; returns its join path (/m/xxxx-xxxx-xxxx). */
export async function scheduleMeeting(page: Page, title: string, opts: { large: boolean }): Promise<string> {
  await page.goto("/dashboard");
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Date").fill(new Date(Date.now() + 86_400_000).toISOString().slice(0, 10));
  await page.getByLabel("Starts").fill("09:00");
  await page.getByLabel("Ends", { exact: true }).fill("10:00");
  if (opts.large) await page.getByRole("checkbox", { name: /Large meeting/ }).check();
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await waitForPath(page, /^\/dashboard\?scheduled=/, `"${title}" scheduled`);
  return joinPathOf(page, title);
}

/** The join path of an upcoming meeting listed on the dashboard. */
export async function joinPathOf(page: Page, title: string): Promise<string> {
  const row = page.getByTestId("upcoming-meeting").filter({ hasText: title }).first();
  const path = await row.getByRole("button", { name: "Copy link" }).getAttribute("data-join-link", { timeout: 15_000 });
  if (!path?.startsWith("/m/")) throw new Error(`no join link for "${title}" on the dashboard`);
  return path;
}

/** The meeting's .ics from the dashboard link, fetched with the page's session. */
export async function calendarInvite(page: Page, title: string): Promise<string> {
  const link = page.getByRole("link", { name: `Download calendar invite for ${title}` }).first();
  const href = await link.getAttribute("href");
  if (!href) throw new Error(`no .ics link for "${title}"`);
  const response = await page.request.get(href);
  if (!response.ok()) throw new Error(`GET ${href}: ${response.status()}`);
  return response.text();
}

/** Pre-join page → Join → connected. */
export async function joinMeeting(page: Page, path: string, guestName?: string): Promise<void> {
  await page.goto(path);
  const join = page.getByRole("button", { name: "Join", exact: true });
  await poll(() => join.isEnabled(), Boolean, "the Join button is enabled");
  if (guestName) await page.getByLabel("Your name").fill(guestName);
  await join.click();
  await poll(() => page.getByTestId("in-call").getAttribute("data-call-state"), (state) => state === "connected", `${guestName ?? "host"} in the call`, 30_000);
}

export async function topologyOf(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const call = (window as unknown as { parleyCall?: { snapshot: { room?: { topology?: string } | null } } }).parleyCall;
    return call?.snapshot.room?.topology ?? null;
  });
}

type VideoStats = Record<string, { tracks: ReadonlyArray<{ source: string | null; framesDecoded: number }> }>;

/** Camera frames decoded so far, one number per remote participant that has decoded any. */
async function cameraFrames(page: Page): Promise<number[]> {
  const stats = await page.evaluate(() =>
    (window as unknown as { parleyCall: { getRemoteVideoStats(): Promise<VideoStats> } }).parleyCall.getRemoteVideoStats(),
  );
  return Object.values(stats)
    .map((p) => p.tracks.filter((t) => t.source === "camera").reduce((n, t) => n + t.framesDecoded, 0))
    .filter((frames) => frames > 0);
}

/** The page decodes video from `remotes` others, and every counter keeps rising. */
export async function expectVideoFlowing(page: Page, remotes: number, who: string): Promise<void> {
  const before = await poll(() => cameraFrames(page), (f) => f.length === remotes, `${who}: ${remotes} remote cameras decoding`, 30_000);
  await poll(
    () => cameraFrames(page),
    (after) => after.length === remotes && after.every((frames, i) => frames > (before[i] ?? 0)),
    `${who}: decoded frames keep rising`,
  );
}

export type SelectedPair = { localType: string; remoteType: string; remoteAddress: string; remotePort: number };

/** The selected ICE candidate pair of every connected RTCPeerConnection of the page. */
export async function selectedPairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const out: SelectedPair[] = [];
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState !== "connected") continue;
      const stats = await pc.getStats();
      stats.forEach((s) => {
        if (s.type !== "transport" || !s.selectedCandidatePairId) return;
        const pair = stats.get(s.selectedCandidatePairId);
        const local = stats.get(pair.localCandidateId);
        const remote = stats.get(pair.remoteCandidateId);
        out.push({ localType: local.candidateType, remoteType: remote.candidateType, remoteAddress: remote.address, remotePort: remote.port });
      });
    }
    return out;
  });
}

async function openChat(page: Page): Promise<void> {
  // "Chat", or "Chat, 2 unread" once messages arrived while it was closed.
  const button = page.getByRole("button", { name: /^Chat(, \d+ unread)?$/ });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
}

export async function sendChat(page: Page, text: string): Promise<void> {
  await openChat(page);
  await page.getByLabel("Message everyone").fill(text);
  await page.getByRole("button", { name: "Send message" }).click();
}

export async function expectChat(page: Page, text: string, who: string): Promise<void> {
  await openChat(page);
  const message = page.getByTestId("chat-message").filter({ hasText: text });
  await poll(() => message.count(), (n) => n > 0, `${who} sees "${text}"`);
}
