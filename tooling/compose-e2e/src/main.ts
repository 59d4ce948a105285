import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import * as web from "./browser";
import { diagnose, imageId, imageSizeMb, inspectService, serviceStates, sql, stackProblems } from "./compose";
import { freePortRange } from "./ports";
import { readmeBlock, withEdits } from "./readme";
import { Abort, Checks, poll, say, secondsSince } from "./report";
import { run, runOk, shq, type Shell } from "./shell";
import { commitTreeUnderTest, createOrigin, limitEnvTo, PREVIOUS_RELEASE, REPO_ROOT, setEnv } from "./workspace";

// The self-hosting path end to end, as README.md's "Self-hosting" section tells it: clone, Install, start, upgrade a
// running installation from the previous release, back up, restore into a fresh volume; and real calls through the
// containers in between. Run by .ci/run after `pnpm test`; needs root and a Docker engine (see README "Tests").

const SERVICES = ["postgres", "redis", "migrate", "signaling", "web", "coturn", "janus"] as const;
const WORK = process.env.COMPOSE_E2E_WORK ?? "/var/tmp/parley-compose-e2e/run";
/**
 * COMPOSE_E2E_ONLY=calls: only the calls through the containers, on the tree under test started fresh (no previous
 * release, upgrade, hardening or backup checks): the quick loop while working on media.
 */
const CALLS_ONLY = process.env.COMPOSE_E2E_ONLY === "calls";
const checks = new Checks();
/** Signaling's /metrics answers only with this bearer token (METRICS_TOKEN in .env). */
const METRICS_TOKEN = "compose-e2e-metrics-token-0123456789";
const timings: string[] = [];

async function timed<T>(label: string, body: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await body();
  timings.push(`${label} ${secondsSince(start)} s`);
  return result;
}

/** Runs a block that starts the stack; when it fails, the error carries what the failing services said. */
async function startingBlock(shell: Shell, label: string, script: string): Promise<void> {
  try {
    await timed(label, () => runOk(shell, script, { timeoutMs: 30 * 60_000 }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${await diagnose(shell)}`);
  }
}

async function main(): Promise<void> {
  // A stack left running by an earlier run (COMPOSE_E2E_KEEP=1, or killed) goes first, volumes included.
  await tearDown();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, "bin"), { recursive: true });
  // README commands say `docker`: the engine's own CLI (DOCKER, from docker-standins/prepare.sh), with its Compose plugin.
  symlinkSync(process.env.DOCKER ?? "/usr/bin/docker", join(WORK, "bin", "docker"));
  const override = join(WORK, "compose.test.yml");
  copyFileSync(join(REPO_ROOT, "tooling/compose-e2e/compose.test.yml"), override);
  const clone = join(WORK, "parley");
  const shell: Shell = {
    cwd: clone,
    logFile: join(WORK, "commands.log"),
    env: {
      ...process.env,
      PATH: `${join(WORK, "bin")}:${process.env.PATH ?? ""}`,
      // The README's `docker compose` picks up the test-only override, under a project name of its own so that a
      // real installation on this machine is never touched.
      COMPOSE_FILE: `docker-compose.yml:${override}`,
      COMPOSE_PROJECT_NAME: "parley-e2e",
    },
  };
  say(`work folder ${WORK}; every command and its output: ${shell.logFile}`);
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

  // Ports this machine has free; browsers use 127.0.0.1 only.
  const webPort = await freePortRange(1, ["tcp"]);
  const signalingPort = await freePortRange(1, ["tcp"], webPort + 1);
  const turnPort = await freePortRange(1, ["tcp", "udp"]);
  const turnRelay = await freePortRange(40, ["udp"]);
  const janusRtp = await freePortRange(30, ["udp"]);
  const base = `http://127.0.0.1:${webPort}`;
  const mediaIp = serverAddress();
  const signalingBase = `http://127.0.0.1:${signalingPort}`;
  const testEnv = {
    PUBLIC_HOST: "127.0.0.1",
    // Media goes to this machine's own address, as to a server's public IP: Janus announces it (its ports are
    // published there, compose.test.yml), and browsers reach coturn through it, so coturn relays from it too.
    // Not loopback: Docker forwards a published UDP port on 127.0.0.1 through a userland proxy (Janus then sees
    // the proxy's address, and its own checks leave through NAT from another one), and coturn never relays to
    // loopback peers.
    JANUS_NAT_1_1_MAPPING: mediaIp,
    PUBLIC_URL: base,
    SIGNALING_PUBLIC_URL: signalingBase,
    WEB_HOST_PORT: String(webPort),
    SIGNALING_HOST_PORT: String(signalingPort),
    TURN_HOST: mediaIp,
    TURN_PORT: String(turnPort),
    TURN_MIN_PORT: String(turnRelay),
    TURN_MAX_PORT: String(turnRelay + 39),
    // Relaying between two browsers is relaying to coturn's own relay address (the one browsers reached it on); the
    // template refuses private and documentation ranges as peers, which this machine's address is in.
    TURN_ALLOWED_PEER_IPS: mediaIp,
    JANUS_RTP_PORT_RANGE: `${janusRtp}-${janusRtp + 29}`,
  };

  const origin = join(WORK, "origin");
  const cloned = CALLS_ONLY ? "the tree under test" : `the previous release (${PREVIOUS_RELEASE.slice(0, 7)})`;
  await checks.must(`${cloned} is cloned with the README's git clone`, async () => {
    await createOrigin(shell, origin);
    if (CALLS_ONLY) await commitTreeUnderTest(shell, origin);
    await runOk(shell, withEdits(readmeBlock(readme, "clone"), [["<this repository>", shq(origin)]]), { cwd: WORK });
  });

  await checks.must("the README's Install block makes .env (then this machine's addresses and ports are filled in)", async () => {
    await runOk(shell, readmeBlock(readme, "install"));
    setEnv(join(clone, ".env"), testEnv);
    // An .env made by the previous release's instructions knows nothing newer.
    const dropped = CALLS_ONLY ? [] : limitEnvTo(join(clone, ".env"), readFileSync(join(clone, ".env.example"), "utf8"));
    if (dropped.length > 0) say(`  (as the previous release's .env: without ${dropped.join(", ")})`);
  });

  const release = CALLS_ONLY ? "the tree under test" : "the previous release";
  await checks.must(`${release} builds (docker compose build)`, async () => {
    await timed(`build, ${release}`, () => runOk(shell, "docker compose build", { timeoutMs: 30 * 60_000 }));
  });
  await checks.must(`${release} starts with the README's start block; every service healthy, migrate exited 0`, async () => {
    await startingBlock(shell, `start, ${release}`, readmeBlock(readme, "start"));
    expectNone(await stackProblems(shell, SERVICES, CALLS_ONLY ? [] : ["coturn"]));
  });
  const oldImages = { web: await imageId(shell, "parley-web:local"), signaling: await imageId(shell, "parley-signaling:local") };
  const oldSizes = { web: await imageSizeMb(shell, "parley-web:local"), signaling: await imageSizeMb(shell, "parley-signaling:local") };

  const browser = await web.launchBrowser();
  const contexts: BrowserContext[] = [];
  const open = async (): Promise<Page> => {
    const { context, page } = await web.openPage(browser, base);
    contexts.push(context);
    return page;
  };
  try {
    const email = `host-${Date.now()}@example.org`;
    const survivor = "Planning (made before the upgrade)";
    await checks.must(`${release}: a host signs up and schedules a meeting`, async () => {
      const page = await open();
      await web.signUp(page, "Hana Host", email);
      await web.scheduleMeeting(page, survivor, { large: false });
    });

    if (CALLS_ONLY) {
      await calls(open, email, testEnv);
      return;
    }
    await upgrade(shell, origin, oldImages);

    await checks.check("after the upgrade: the account and its meeting are there", async () => {
      const page = await open();
      await web.signIn(page, email);
      await web.joinPathOf(page, survivor);
    });
    await checks.check("web /healthz /readyz, signaling /healthz /readyz answer through the published ports; /metrics with METRICS_TOKEN only", async () => {
      for (const url of [`${base}/healthz`, `${base}/readyz`, `${signalingBase}/healthz`, `${signalingBase}/readyz`]) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
      }
      const anonymous = await fetch(`${signalingBase}/metrics`);
      if (anonymous.ok) throw new Error(`GET /metrics without the token: ${anonymous.status}`);
      const metrics = await (await fetch(`${signalingBase}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      if (!metrics.includes("signaling_connected_sockets")) throw new Error("GET /metrics with the token: no signaling_connected_sockets");
    });
    await hardeningChecks(shell);
    await calls(open, email, testEnv);

    await backupAndRestore(shell, readme, open, email, survivor);
    say(`image sizes: web ${await imageSizeMb(shell, "parley-web:local")} MB (previous release ${oldSizes.web} MB), ` +
      `signaling ${await imageSizeMb(shell, "parley-signaling:local")} MB (previous ${oldSizes.signaling} MB), ` +
      `janus ${await imageSizeMb(shell, "parley-janus:local")} MB`);
  } finally {
    for (const context of contexts) await context.close().catch(() => {});
    await browser.close();
  }

  async function upgrade(sh: Shell, originDir: string, before: { web: string; signaling: string }): Promise<void> {
    const started = new Date();
    await checks.must("the README's Upgrading block (git pull, new secrets, build, up --wait) switches to the tree under test", async () => {
      await commitTreeUnderTest(sh, originDir);
      // Set before the upgrade, as a self-hoster turning on metrics would (the previous release ignores it).
      setEnv(join(clone, ".env"), { METRICS_TOKEN });
      await startingBlock(sh, "upgrade block (git pull, build, up --wait)", readmeBlock(readme, "upgrade"));
    });
    await checks.must("after the upgrade: every service healthy, migrate exited 0, web and signaling run the new images", async () => {
      expectNone(await stackProblems(sh, SERVICES));
      for (const [service, image] of [["web", "parley-web:local"], ["signaling", "parley-signaling:local"]] as const) {
        const now = await imageId(sh, image);
        if (now === before[service]) throw new Error(`${image} is still the previous release's image`);
        const running = (await inspectService(sh, service)).Image;
        if (running !== now) throw new Error(`${service} runs ${running}, not the new ${image} (${now})`);
      }
    });
    await checks.check("after the upgrade: migrate ran again and every migration of the new tree is applied", async () => {
      const migrate = await inspectService(sh, "migrate");
      if (new Date(migrate.State.StartedAt) < started) throw new Error(`migrate last started ${migrate.State.StartedAt}, before the upgrade`);
      const expected = readdirSync(join(clone, "packages/db/prisma/migrations")).filter((name) =>
        statSync(join(clone, "packages/db/prisma/migrations", name)).isDirectory(),
      );
      const applied = await sql(sh, "select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null order by 1");
      const missing = expected.filter((name) => !applied.includes(name));
      if (missing.length > 0) throw new Error(`not applied: ${missing.join(", ")}`);
      say(`  ${applied.length} migrations applied: ${applied.join(", ")}`);
    });
  }
}

async function hardeningChecks(shell: Shell): Promise<void> {
  await checks.check("every container: no-new-privileges, capabilities dropped, read-only root filesystem; apps not root", async () => {
    const problems: string[] = [];
    for (const service of SERVICES) {
      const info = await inspectService(shell, service);
      if (!(info.HostConfig.SecurityOpt ?? []).some((opt) => /^no-new-privileges(:true|=true)?$/.test(opt))) problems.push(`${service}: no no-new-privileges`);
      if (!(info.HostConfig.CapDrop ?? []).includes("ALL")) problems.push(`${service}: capabilities not dropped`);
      if (!info.HostConfig.ReadonlyRootfs) problems.push(`${service}: root filesystem writable`);
      const user = info.Config.User.split(":")[0] ?? "";
      // postgres' entrypoint starts as root only to hand the data folder to the postgres user.
      if (service !== "postgres" && (user === "" || user === "root" || user === "0")) problems.push(`${service}: runs as root`);
    }
    expectNone(problems);
  });
  await checks.check("redis refuses a client without the password", async () => {
    const answer = await run(shell, "docker compose exec -T redis sh -c 'unset REDISCLI_AUTH; redis-cli ping'");
    if (answer.output.includes("PONG") || !/NOAUTH|Authentication required/i.test(answer.output)) {
      throw new Error(`redis answered without a password: ${answer.output.trim()}`);
    }
  });
}

async function calls(open: () => Promise<Page>, email: string, env: Record<string, string>): Promise<void> {
  const [janusLow, janusHigh] = (env.JANUS_RTP_PORT_RANGE ?? "").split("-").map(Number);
  const turnLow = Number(env.TURN_MIN_PORT);
  const turnHigh = Number(env.TURN_MAX_PORT);
  const large = "All hands (large meeting)";
  let path = "";
  const host = await open();
  await checks.check("a large meeting is scheduled (Europe/Berlin); its .ics carries the zone", async () => {
    await web.signIn(host, email);
    path = await web.scheduleMeeting(host, large, { large: true });
    const ics = await web.calendarInvite(host, large);
    if (!ics.includes("BEGIN:VTIMEZONE")) throw new Error(".ics without VTIMEZONE");
  });
  const pages = [host, await open(), await open()];
  await checks.check("SFU: three browsers join the large meeting through Janus in its container; video flows on every page", async () => {
    await web.joinMeeting(host, path);
    await web.joinMeeting(pages[1]!, path, "Ada Guest");
    await web.joinMeeting(pages[2]!, path, "Bert Guest");
    for (const [i, page] of pages.entries()) {
      await poll(() => web.topologyOf(page), (t) => t === "sfu", `page ${i + 1} uses the SFU`);
      await web.expectVideoFlowing(page, 2, `page ${i + 1}`);
      // Media goes to Janus' published UDP range on the server's address (JANUS_NAT_1_1_MAPPING), nowhere else.
      const pairs = await web.selectedPairs(page);
      const stray = pairs.filter((p) => p.remoteAddress !== env.JANUS_NAT_1_1_MAPPING || p.remotePort < janusLow! || p.remotePort > janusHigh!);
      if (pairs.length === 0 || stray.length > 0) throw new Error(`page ${i + 1}: pairs ${JSON.stringify(pairs)}`);
    }
  });
  await checks.check("chat: a message from one page arrives on the two others", async () => {
    await web.sendChat(pages[1]!, "Hello through the containers");
    await web.expectChat(pages[0]!, "Hello through the containers", "the host");
    await web.expectChat(pages[2]!, "Hello through the containers", "Bert");
  });
  for (const page of pages) await page.goto("about:blank");

  await checks.check("TURN: three browsers with iceTransportPolicy relay (?relay=1) meet through the coturn container; video flows", async () => {
    await host.goto("/dashboard");
    await host.getByRole("button", { name: "Start an instant meeting" }).click();
    await poll(async () => new URL(host.url()).pathname, (p) => /^\/m\/[a-z]{4}-[a-z]{4}-[a-z]{4}$/.test(p), "instant meeting opened");
    const relayPath = `${new URL(host.url()).pathname}?relay=1`;
    await web.joinMeeting(host, relayPath);
    await web.joinMeeting(pages[1]!, relayPath, "Ada Relay");
    await web.joinMeeting(pages[2]!, relayPath, "Bert Relay");
    for (const [i, page] of pages.entries()) {
      await web.expectVideoFlowing(page, 2, `page ${i + 1}`);
      const pairs = await web.selectedPairs(page);
      const stray = pairs.filter((p) => p.localType !== "relay" || p.remoteType !== "relay" || p.remotePort < turnLow || p.remotePort > turnHigh);
      if (pairs.length < 2 || stray.length > 0) throw new Error(`page ${i + 1}: pairs ${JSON.stringify(pairs)}`);
    }
  });
  for (const page of pages) await page.goto("about:blank");
}

async function backupAndRestore(shell: Shell, readme: string, open: () => Promise<Page>, email: string, survivor: string): Promise<void> {
  let dump = "";
  await checks.must("the README's backup command writes a dump (pg_dump inside the postgres container)", async () => {
    await runOk(shell, readmeBlock(readme, "backup"));
    dump = readdirSync(shell.cwd).find((name) => /^parley-\d{4}-\d{2}-\d{2}\.dump$/.test(name)) ?? "";
    if (!dump || statSync(join(shell.cwd, dump)).size < 1000) throw new Error(`no dump written (${dump || "no file"})`);
  });
  await checks.must("a fresh volume (docker compose down -v, then the README's start block) starts empty", async () => {
    await runOk(shell, "docker compose down -v");
    await startingBlock(shell, "start, images built, empty volume", readmeBlock(readme, "start"));
    expectNone(await stackProblems(shell, SERVICES));
    const accounts = await sql(shell, `select count(*) from "user" where email = '${email}'`);
    if (accounts[0] !== "0") throw new Error(`the account is still there: ${accounts.join()}`);
  });
  await checks.check("the README's restore block brings the account and its meetings back", async () => {
    await startingBlock(shell, "restore block", withEdits(readmeBlock(readme, "restore"), [["dump=parley-2026-01-31.dump", `dump=${dump}`]]));
    expectNone(await stackProblems(shell, SERVICES));
    const page = await open();
    await web.signIn(page, email);
    await web.joinPathOf(page, survivor);
    await web.joinPathOf(page, "All hands (large meeting)");
  });
}

/**
 * The address this machine would be reached on as a server: COMPOSE_E2E_MEDIA_IP, or the first IPv4 address of an
 * interface that is neither loopback nor one of Docker's bridges.
 */
function serverAddress(): string {
  if (process.env.COMPOSE_E2E_MEDIA_IP) return process.env.COMPOSE_E2E_MEDIA_IP;
  const found = Object.entries(networkInterfaces())
    .filter(([name]) => !/^(docker|br-|veth)/.test(name))
    .flatMap(([, addresses]) => addresses ?? [])
    .find((a) => a.family === "IPv4" && !a.internal);
  if (!found) throw new Error("no non-loopback IPv4 address for media (set COMPOSE_E2E_MEDIA_IP)");
  return found.address;
}

function expectNone(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

async function cleanUp(): Promise<void> {
  if (process.env.COMPOSE_E2E_KEEP === "1") return say(`COMPOSE_E2E_KEEP=1: the stack keeps running (project parley-e2e, ${WORK}/parley)`);
  await tearDown();
}

/** `docker compose down -v` of the test's project, if its clone is there. */
async function tearDown(): Promise<void> {
  const clone = join(WORK, "parley");
  if (!existsSync(join(clone, "docker-compose.yml"))) return;
  const shell: Shell = {
    cwd: clone,
    logFile: join(WORK, "commands.log"),
    env: { ...process.env, PATH: `${join(WORK, "bin")}:${process.env.PATH ?? ""}`, COMPOSE_FILE: `docker-compose.yml:${join(WORK, "compose.test.yml")}`, COMPOSE_PROJECT_NAME: "parley-e2e" },
  };
  // Images and the build cache stay: the next run is warm.
  const result = await run(shell, "docker compose down -v --remove-orphans");
  if (result.code !== 0) say(`clean-up failed: ${result.output.trim().split("\n").at(-1) ?? ""}`);
  const states = result.code === 0 ? [] : await serviceStates(shell).catch(() => []);
  if (states.length > 0) say(`clean-up left ${states.length} containers`);
}

const started = Date.now();
try {
  await main();
} catch (error) {
  if (!(error instanceof Abort)) {
    checks.failed += 1;
    say(`✗ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
} finally {
  await cleanUp().catch((error: unknown) => say(`clean-up failed: ${String(error)}`));
}
for (const line of timings) say(`time: ${line}`);
say(`total ${secondsSince(started)} s`);
process.stdout.write(`${checks.totals()}\n`);
process.exitCode = checks.failed === 0 ? 0 : 1;
