import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { CONTROL_PORT } from "./ports";
import { signUp, uniqueEmail } from "./helpers";

import type { RemoteAudioStats, RemoteVideoStats } from "@parley/webrtc-client";
import { WebSocket } from "ws";

type Stats = Record<string, RemoteVideoStats>;

/** Per remote participant: frames decoded so far (camera and screen), read from getStats in the page. */
export async function remoteFrames(page: Page): Promise<Stats> {
  return page.evaluate(async (): Promise<Stats> => window.parleyCall!.getRemoteVideoStats());
}

/** Every page decodes video from `remotes` others, and the frame counters keep rising. */
export async function expectVideoFlowing(page: Page, remotes: number, source: "camera" | "screen" = "camera") {
  const framesOf = (stats: Stats) =>
    Object.values(stats)
      .map((p) => p.tracks.filter((t) => t.source === source).reduce((n, t) => n + t.framesDecoded, 0))
      .filter((frames) => frames > 0);
  let before: number[] = [];
  await expect
    .poll(async () => (before = framesOf(await remoteFrames(page))).length, { timeout: 20_000, message: `${remotes} remote ${source} videos decoding` })
    .toBe(remotes);
  await expect
    .poll(
      async () => {
        const after = framesOf(await remoteFrames(page));
        return after.length === remotes && after.every((frames, i) => frames > (before[i] ?? 0));
      },
      { timeout: 10_000, message: `${source} frames keep increasing` },
    )
    .toBe(true);
}

/** The page plays the microphones of `remotes` others, and their sample counters keep rising. */
export async function expectAudioFlowing(page: Page, remotes: number) {
  const read = () => page.evaluate(async (): Promise<Record<string, RemoteAudioStats>> => window.parleyCall!.getRemoteAudioStats());
  let before: number[] = [];
  await expect
    .poll(async () => (before = Object.values(await read()).map((a) => a.totalSamplesReceived).filter((n) => n > 0)).length, {
      message: `${remotes} remote microphones playing`,
    })
    .toBe(remotes);
  await expect
    .poll(async () => {
      const after = Object.values(await read()).map((a) => a.totalSamplesReceived).filter((n) => n > 0);
      return after.length === remotes && after.every((n, i) => n > (before[i] ?? 0));
    })
    .toBe(true);
}

/** "mesh" or "sfu": how this page's call carries media now. */
export const topologyOf = (page: Page) => page.evaluate(() => window.parleyCall?.snapshot.room?.topology ?? null);

/** Pre-join → Join → in the room. */
export async function enterMeeting(page: Page, path: string, name?: string) {
  await page.goto(path);
  const join = page.getByRole("button", { name: "Join", exact: true });
  // Join waits for the camera; on a loaded machine starting it took over 20 s (the SFU config's expect timeout).
  await expect(join).toBeEnabled({ timeout: 60_000 });
  if (name) await page.getByLabel("Your name").fill(name);
  await join.click();
}

/**
 * Pre-join → camera off → Join → connected. For tests about what surrounds the call (records, recording): fewer video
 * encoders keep them light on a busy machine; joins may wait up to a minute there.
 */
export async function enterWithoutCamera(page: Page, path: string, name?: string) {
  const slow = { timeout: 60_000 };
  await page.goto(path);
  const join = page.getByRole("button", { name: "Join", exact: true });
  await expect(join).toBeEnabled(slow);
  if (name) await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Turn off camera" }).click();
  await join.click();
  await expect(page.getByTestId("in-call")).toHaveAttribute("data-call-state", "connected", slow);
}

export async function expectInCall(page: Page) {
  await expect(page.getByTestId("in-call")).toHaveAttribute("data-call-state", "connected");
}

/** A guest in a fresh browser context (own cookies, own fake camera). */
export async function guestPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/** Signs up a host and starts an instant meeting; returns the meeting path. The host ends on the pre-join page. */
export async function hostWithInstantMeeting(page: Page, name = "Hana Host"): Promise<string> {
  await signUp(page, name, uniqueEmail("host"));
  await page.getByRole("button", { name: "Start an instant meeting" }).click();
  await expect(page).toHaveURL(/\/m\/[a-z]{4}-[a-z]{4}-[a-z]{4}$/);
  return new URL(page.url()).pathname;
}

export async function openPanel(page: Page, name: "Chat" | "People") {
  // The chat button's name carries its unread count ("Chat, 2 unread").
  const button = page.getByRole("button", name === "Chat" ? { name: /^Chat(, \d+ unread)?$/ } : { name, exact: true });
  if ((await button.getAttribute("aria-pressed")) !== "true") await button.click();
}

/** Kills the signaling process (SIGKILL, like a crash) and starts it again, through the stack runner. */
export async function crashAndRestartSignaling() {
  const response = await fetch(`http://127.0.0.1:${CONTROL_PORT}/restart/signaling`, { method: "POST" });
  expect(response.status).toBe(204);
}

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/**
 * Sends this page to another signaling node, as a load balancer would. In production every node sits behind the
 * one SIGNALING_PUBLIC_URL the page's CSP allows; here the second node has its own port, so the page keeps
 * connecting to the allowed URL and Playwright carries that WebSocket to the other node (the page, its CSP and
 * its join tokens stay exactly as the server sent them).
 */
export async function useSignalingNode(page: Page, port: number) {
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    const target = new URL(socket.url());
    target.port = String(port);
    const upstream = new WebSocket(target, { origin: new URL(page.url()).origin });
    const early: Array<string | Buffer> = [];
    upstream.on("open", () => early.splice(0).forEach((message) => upstream.send(message)));
    upstream.on("message", (data, isBinary) => socket.send(isBinary ? (data as Buffer) : data.toString()));
    upstream.on("close", () => socket.close());
    upstream.on("error", () => socket.close());
    socket.onMessage((message) => (upstream.readyState === WebSocket.OPEN ? upstream.send(message) : early.push(message)));
    socket.onClose(() => upstream.close());
  });
}
