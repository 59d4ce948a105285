import { launchChromium, startJanus, startNamespace, type JanusInstance, type NetworkNamespace } from "@parley/janus-harness";
import { chromium, type Browser, type Page } from "playwright-core";
import { applyTuning, type JanusTuning } from "./janus-tuning";
import { JanusNode, type JanusSession } from "@parley/janus";

/** Janus and Chromium inside one private network namespace, driven from this process. */
export interface BenchEnvironment {
  readonly ns: NetworkNamespace;
  readonly janus: JanusInstance | null;
  readonly node: JanusNode | null;
  readonly browser: Browser;
  /** A blank secure-context page (http://localhost, served by Playwright: no network). */
  openPage(): Promise<Page>;
  /** Another Chromium in the namespace with extra flags (e.g. a file as fake camera); closed by `stop()`. */
  launchBrowser(extraArgs: string[]): Promise<Browser>;
  /** A blank page of `browser`. */
  openPageIn(browser: Browser): Promise<Page>;
  /** A Janus session, destroyed by `stop()`. */
  openSession(): Promise<JanusSession>;
  stop(): Promise<void>;
}

// NOTE: pages of a headless browser must not be throttled as background tabs: subscribers live in many pages.
const EXTRA_FLAGS = ["--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"];

/** Start the namespace, Chromium and (unless `withJanus` is false) a tuned Janus with a connected driver. */
export async function startEnvironment(options: { withJanus: boolean; tuning: JanusTuning; chromiumPath: string }): Promise<BenchEnvironment> {
  const ns = await startNamespace();
  let janus: JanusInstance | null = null;
  let node: JanusNode | null = null;
  let browser: Browser | null = null;
  const sessions: JanusSession[] = [];
  const extraBrowsers: Browser[] = [];
  const stop = async () => {
    for (const extra of extraBrowsers) await extra.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await Promise.all(sessions.map((s) => s.destroy().catch(() => undefined)));
    await node?.close().catch(() => undefined);
    await janus?.stop();
    await ns.stop();
  };
  try {
    if (options.withJanus) {
      janus = await startJanus({ namespace: ns, debugLevel: options.tuning.debugLevel, readyTimeoutMs: 20_000 });
      if (await applyTuning(janus.configDir, options.tuning)) await janus.restart();
      node = await JanusNode.connect({
        id: "bench",
        url: janus.wsUrl,
        apiSecret: janus.secrets.apiSecret,
        roomAdminKey: janus.secrets.roomAdminKey,
        requestTimeoutMs: 30_000,
      });
    }
    browser = await chromium.launch(await launchChromium({ namespace: ns, executablePath: options.chromiumPath, extraArgs: EXTRA_FLAGS }));
  } catch (error) {
    await stop();
    throw error;
  }
  const openedBrowser = browser;
  const openPageIn = async (target: Browser) => {
    const page = await target.newPage();
    // NOTE: tsx (esbuild keepNames) wraps named functions in __name(); functions shipped into pages need it.
    await page.addInitScript("globalThis.__name = (f) => f; globalThis.pcs = new Map();");
    await page.route("http://localhost/**", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>bench-sfu</title>" }));
    await page.goto("http://localhost/");
    return page;
  };
  return {
    ns,
    janus,
    node,
    browser: openedBrowser,
    openPage: () => openPageIn(openedBrowser),
    openPageIn,
    async launchBrowser(extraArgs) {
      const extra = await chromium.launch(
        await launchChromium({ namespace: ns, executablePath: options.chromiumPath, extraArgs: [...EXTRA_FLAGS, ...extraArgs] }),
      );
      extraBrowsers.push(extra);
      return extra;
    },
    async openSession() {
      if (!node) throw new Error("this environment has no Janus");
      const session = await node.openSession();
      sessions.push(session);
      return session;
    },
    stop,
  };
}
