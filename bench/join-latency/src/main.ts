/**
 * bench/join-latency: starts the production stack (embedded Postgres, `next start`, built signaling), then
 * N times: a host and a guest (two headless Chromium contexts) join a fresh meeting, and we record
 *   - joiner:   the guest's Join click → first decoded frame of the host's video on the guest's page
 *   - in-room:  the guest's Join click → first decoded frame of the guest's video on the host's page
 * Page-open cost is excluded (timing starts at the click). Frames are detected with requestVideoFrameCallback.
 * Then the median time (from the guest's click) of each step on both pages: token fetch, socket, socket.io events
 * and acks, descriptions, ICE and connection states (see trace.ts).
 * Each run is paired with a raw anchor run (anchor.ts: bare pages, bare socket.io relay), interleaved, and the
 * ratios Parley / anchor are printed: absolute numbers on a shared machine swing 2–5×, the ratio much less.
 * Usage: pnpm build && pnpm --filter @parley/bench-join-latency start [--runs 12] [--max-load 3]
 *        [--web-port 3310 --signaling-port 4310 --pg-port 5610]
 */
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { cpus, loadavg } from "node:os";
import { CHROMIUM_TEST_FLAGS, percentile } from "@parley/test-support";
import { chromium, type Page } from "playwright-core";
import { anchorRun, startAnchorRelay } from "./anchor";
import { firstTimes, installTrace, readTrace, type TraceEntry } from "./trace";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    runs: { type: "string", default: "12" },
    "web-port": { type: "string", default: "3310" },
    "signaling-port": { type: "string", default: "4310" },
    "pg-port": { type: "string", default: "5610" },
    /** A pair of runs (product + anchor) is discarded when the 1-minute load average exceeded this at its start. */
    "max-load": { type: "string", default: String(cpus().length * 1.5) },
  },
});
const runs = Math.max(3, Number(values.runs));
const WEB_PORT = Number(values["web-port"]);
const SIGNALING_PORT = Number(values["signaling-port"]);
const MAX_LOAD = Number(values["max-load"]);
const BASE = `http://localhost:${WEB_PORT}`;

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
    [join(ROOT, "tooling/stack/src/run.ts"), "--mode", "prod", "--ephemeral", "--web-port", String(WEB_PORT), "--signaling-port", String(SIGNALING_PORT), "--pg-port", String(values["pg-port"])],
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
    const product = { joiner: [] as number[], inRoom: [] as number[] };
    const anchor = { joiner: [] as number[], inRoom: [] as number[] };
    const joinerFromPageClick: number[] = [];
    const inRoomFromPageClick: number[] = [];
    const loads: number[] = [];
    const descriptions = { guest: [] as string[], host: [] as string[] };
    let discarded = 0;
    const relay = await startAnchorRelay();
    for (let i = 0; i < runs; i++) {
      // Interleaved, the order alternating, so that both see the same machine; a pair that started under a load
      // the other jobs made too high is dropped whole.
      const loadAtStart = loadavg()[0]!;
      const anchorFirst = i % 2 === 1;
      const anchored = anchorFirst ? await anchorRun(browser, relay, `r${i}`) : undefined;
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
      const hostTraceStart = (await readTrace(hostPage)).length;
      const clickedAt = await clickJoin(guest);
      const [guestFrame, hostFrame] = await Promise.all([firstFrameAt(guest), firstFrameAt(hostPage)]);
      const guestTrace = await readTrace(guest);
      const hostTrace = (await readTrace(hostPage)).slice(hostTraceStart);
      await guestContext.close();
      const anchorResult = anchored ?? (await anchorRun(browser, relay, `r${i}`));
      const load = Math.max(loadAtStart, loadavg()[0]!);
      loads.push(load);
      process.stderr.write(
        `run ${i + 1}/${runs}: load ${load.toFixed(2)}; product joiner ${(guestFrame - clickedAt).toFixed(0)} in-room ${(hostFrame - clickedAt).toFixed(0)}; anchor ${anchorResult.joiner.toFixed(0)} / ${anchorResult.inRoom.toFixed(0)} ms\n`,
      );
      if (load > MAX_LOAD) {
        discarded++;
        continue;
      }
      product.joiner.push(guestFrame - clickedAt);
      product.inRoom.push(hostFrame - clickedAt);
      anchor.joiner.push(anchorResult.joiner);
      anchor.inRoom.push(anchorResult.inRoom);
      descriptions.guest.push(descriptionsSent(guestTrace, clickedAt));
      descriptions.host.push(descriptionsSent(hostTrace, clickedAt));
      // The click as the page sees it: Playwright's own click (actionability checks, CDP input) comes before it.
      const pageClick = guestTrace.find((e) => e.what === "click" && e.at >= clickedAt)?.at;
      if (pageClick !== undefined) {
        joinerFromPageClick.push(guestFrame - pageClick);
        inRoomFromPageClick.push(hostFrame - pageClick);
      }
      collect("guest", firstTimes(guestTrace, clickedAt), guestFrame - clickedAt);
      collect("host", firstTimes(hostTrace, clickedAt), hostFrame - clickedAt);
    }
    await relay.close();
    if (product.joiner.length === 0) throw new Error(`every run was discarded (load above ${MAX_LOAD}; loads ${loads.map((l) => l.toFixed(1)).join(", ")})`);
    const p = (xs: number[], q: number) => percentile([...xs].sort((a, b) => a - b), q);
    const row = (name: string, xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return `| ${name} | ${xs.length} | ${p(xs, 50).toFixed(0)} | ${p(xs, 95).toFixed(0)} | ${sorted[0]!.toFixed(0)} | ${sorted.at(-1)!.toFixed(0)} |`;
    };
    const ratio = (name: string, ours: number[], raw: number[]) =>
      `| ${name} | ${(p(ours, 50) / p(raw, 50)).toFixed(2)}× | ${(p(ours, 95) / p(raw, 95)).toFixed(2)}× |`;
    const out = [
      "join → first remote frame (ms), 2 headless Chromium pages, loopback, production build; raw anchor interleaved",
      `load average (1 min) per kept pair: min ${Math.min(...loads).toFixed(2)}, max ${Math.max(...loads).toFixed(2)} on ${cpus().length} cores; ` +
        `${discarded} of ${runs} pairs discarded (load > ${MAX_LOAD})`,
      "| side | runs | p50 | p95 | min | max |",
      "|---|---|---|---|---|---|",
      row("Parley: joiner sees host", product.joiner),
      row("anchor: joiner sees host", anchor.joiner),
      row("Parley: host sees joiner", product.inRoom),
      row("anchor: host sees joiner", anchor.inRoom),
      row("Parley: joiner sees host, from the page's click event", joinerFromPageClick),
      row("Parley: host sees joiner, from the page's click event", inRoomFromPageClick),
      "",
      "| Parley / anchor | p50 | p95 |",
      "|---|---|---|",
      ratio("joiner", product.joiner, anchor.joiner),
      ratio("side already in the room", product.inRoom, anchor.inRoom),
      "",
      `descriptions each side sent at join (per run): guest ${[...new Set(descriptions.guest)].join(" | ")}; host ${[...new Set(descriptions.host)].join(" | ")}`,
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

/** The descriptions a page created after `from`, in order, e.g. "offer" or "answer" ("answer,offer" had a second round). */
function descriptionsSent(trace: readonly TraceEntry[], from: number): string {
  return trace.filter((e) => e.at >= from && e.what.startsWith("pc:local-")).map((e) => e.what.slice("pc:local-".length)).join(",") || "none";
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
