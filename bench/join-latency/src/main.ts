/**
 * bench/join-latency: starts the production stack (embedded Postgres, `next start`, built signaling), then
 * N times: a host and a guest (two headless Chromium contexts) join a fresh meeting, and we record
 *   - joiner:   the guest's Join click → first decoded frame of the host's video on the guest's page
 *   - in-room:  the guest's Join click → first decoded frame of the guest's video on the host's page
 * Page-open cost is excluded (timing starts at the click). Frames are detected with requestVideoFrameCallback.
 * Then the median time (from the guest's click) of each step on both pages: token fetch, socket, socket.io events
 * and acks, descriptions, ICE and connection states (see trace.ts).
 * Usage: pnpm build && pnpm --filter @parley/bench-join-latency start [--runs 12]
 */
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CHROMIUM_TEST_FLAGS, percentile } from "@parley/test-support";
import { chromium, type Page } from "playwright-core";
import { firstTimes, installTrace, readTrace } from "./trace";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const WEB_PORT = 3310;
const SIGNALING_PORT = 4310;
const BASE = `http://localhost:${WEB_PORT}`;


const { values } = parseArgs({ args: process.argv.slice(2).filter((a) => a !== "--"), options: { runs: { type: "string", default: "12" } } });
const runs = Math.max(10, Number(values.runs));

async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up`);
}

/** Resolves (in the page's epoch ms) when the first remote video frame is presented. */
function armFirstFrame(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __firstFrame?: Promise<number> };
    w.__firstFrame = new Promise<number>((done) => {
      const watch = () => {
        const video = document.querySelector<HTMLVideoElement>('[data-testid="remote-tile"] video');
        if (!video) return void requestAnimationFrame(watch);
        video.requestVideoFrameCallback(() => done(performance.timeOrigin + performance.now()));
      };
      watch();
    });
  });
}

const firstFrameAt = (page: Page) => page.evaluate(() => (window as unknown as { __firstFrame: Promise<number> }).__firstFrame);

async function clickJoin(page: Page): Promise<number> {
  const join = page.getByRole("button", { name: "Join", exact: true });
  await join.waitFor();
  await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('form button[type="submit"]')?.disabled);
  const at = await page.evaluate(() => performance.timeOrigin + performance.now());
  await join.click();
  return at;
}


async function main() {
  const stack = spawn(
    join(ROOT, "tooling/stack/node_modules/.bin/tsx"),
    [join(ROOT, "tooling/stack/src/run.ts"), "--mode", "prod", "--ephemeral", "--web-port", String(WEB_PORT), "--signaling-port", String(SIGNALING_PORT), "--pg-port", "5610"],
    { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, LOG_LEVEL: "warn" } },
  );
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...CHROMIUM_TEST_FLAGS] });
  try {
    await waitFor(`${BASE}/healthz`, 120_000);
    await waitFor(`http://localhost:${SIGNALING_PORT}/healthz`, 30_000);
    const hostContext = await browser.newContext({ baseURL: BASE });
    // NOTE: tsx (esbuild keepNames) wraps named functions in __name(); functions we ship into pages need it too.
    await hostContext.addInitScript("globalThis.__name = (f) => f");
    await hostContext.addInitScript(installTrace);
    const hostPage = await hostContext.newPage();
    await hostPage.goto("/sign-up");
    await hostPage.getByLabel("Name").fill("Bench Host");
    await hostPage.getByLabel("Email").fill(`bench-${Date.now()}@example.org`);
    await hostPage.getByLabel("Password").fill("bench password 123");
    await hostPage.getByRole("button", { name: "Create account" }).click();
    await hostPage.waitForURL(/dashboard/);

    const steps = new Map<string, number[]>();
    const collect = (side: string, times: Map<string, number>, frame: number) => {
      for (const [what, ms] of [...times, ["first-frame", frame] as const]) {
        const key = `${side} ${what}`;
        steps.set(key, [...(steps.get(key) ?? []), ms]);
      }
    };
    const joiner: number[] = [];
    const inRoom: number[] = [];
    const joinerFromPageClick: number[] = [];
    const inRoomFromPageClick: number[] = [];
    for (let i = 0; i < runs; i++) {
      await hostPage.goto("/dashboard");
      await hostPage.getByRole("button", { name: "Start an instant meeting" }).click();
      await hostPage.waitForURL(/\/m\//);
      const path = new URL(hostPage.url()).pathname;
      await clickJoin(hostPage);
      await hostPage.locator('[data-call-state="connected"]').waitFor();
      await armFirstFrame(hostPage);

      const guestContext = await browser.newContext({ baseURL: BASE });
      await guestContext.addInitScript("globalThis.__name = (f) => f");
      await guestContext.addInitScript(installTrace);
      const guest = await guestContext.newPage();
      await guest.goto(path);
      await guest.getByLabel("Your name").fill("Bench Guest");
      await armFirstFrame(guest);
      const clickedAt = await clickJoin(guest);
      const [guestFrame, hostFrame] = await Promise.all([firstFrameAt(guest), firstFrameAt(hostPage)]);
      joiner.push(guestFrame - clickedAt);
      inRoom.push(hostFrame - clickedAt);
      const guestTrace = await readTrace(guest);
      // The click as the page sees it: Playwright's own click (actionability checks, CDP input) comes before it.
      const pageClick = guestTrace.find((e) => e.what === "click" && e.at >= clickedAt)?.at;
      if (pageClick !== undefined) {
        joinerFromPageClick.push(guestFrame - pageClick);
        inRoomFromPageClick.push(hostFrame - pageClick);
      }
      collect("guest", firstTimes(guestTrace, clickedAt), guestFrame - clickedAt);
      collect("host", firstTimes(await readTrace(hostPage), clickedAt), hostFrame - clickedAt);
      await guestContext.close();
    }
    const row = (name: string, xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `| ${name} | ${xs.length} | ${percentile(sorted, 50).toFixed(0)} | ${percentile(sorted, 95).toFixed(0)} | ${sorted[0]!.toFixed(0)} | ${sorted.at(-1)!.toFixed(0)} |`;
    };
    const out = [
      "join → first remote frame (ms), 2 headless Chromium pages, loopback, production build",
      "| side | runs | p50 | p95 | min | max |",
      "|---|---|---|---|---|---|",
      row("joiner sees host", joiner),
      row("host sees joiner", inRoom),
      row("joiner sees host, from the page's click event", joinerFromPageClick),
      row("host sees joiner, from the page's click event", inRoomFromPageClick),
    ];
    const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
    const breakdown = [...steps]
      .map(([step, xs]) => ({ step, xs, p50: median(xs) }))
      .sort((a, b) => a.p50 - b.p50)
      .map(({ step, xs, p50 }) => `| ${step} | ${xs.length} | ${p50.toFixed(0)} |`);
    out.push("", "steps, ms after the guest's click (first occurrence; median over the runs it happened in)", "| step | runs | p50 |", "|---|---|---|", ...breakdown);
    process.stdout.write(`${out.join("\n")}\n`);
  } finally {
    await browser.close();
    stack.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
