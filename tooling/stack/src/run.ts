/**
 * Runs the whole product on one machine: an embedded Postgres when DATABASE_URL is unset, migrations,
 * the signaling service and the web app. Ctrl-C stops everything. Used by the README quick start and
 * by the end-to-end tests (which run it with --mode prod --ephemeral).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startCoturn } from "@parley/coturn-harness";
import { startJanus } from "@parley/janus-harness";
import { startOidcProvider } from "@parley/oidc-harness";
import { startEmbeddedPostgres } from "@parley/db/embedded";
import { startSmtpSink, type SmtpSink } from "@parley/test-support/smtp-sink";
import { migrate } from "@parley/db/migrate";
import { startRedis } from "@parley/test-support";
import { z } from "zod";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const optionsSchema = z.object({
  mode: z.enum(["dev", "prod"]).default("dev"),
  ephemeral: z.boolean().default(false),
  "web-port": z.coerce.number().int().min(1).max(65535).default(3000),
  "signaling-port": z.coerce.number().int().min(1).max(65535).default(4000),
  "pg-port": z.coerce.number().int().min(1).max(65535).default(5433),
  /** Test-only: start a real coturn on loopback and hand its TURN URLs and secret to signaling. */
  turn: z.boolean().default(false),
  /**
   * Test-only: start a real Janus (Debian package) and give it to signaling as its SFU pool. Media through Janus
   * needs a network interface other than `lo`: run the stack inside tooling/janus-harness/bin/janus-netns.sh.
   */
  janus: z.boolean().default(false),
  /**
   * Test-only: start a real OpenID Connect provider (oidc-provider, development login page: any login name) on
   * loopback and configure the web app for it; logins starting with "admin" are in the OIDC_ADMIN_GROUP.
   */
  oidc: z.boolean().default(false),
  /** Start a redis-server on loopback (port pg-port + 1) and run signaling in Redis mode. */
  redis: z.boolean().default(false),
  /** Signaling processes to run (on consecutive ports from signaling-port); more than one needs --redis. */
  "signaling-nodes": z.coerce.number().int().min(1).max(8).default(1),
  /**
   * Test-only: start an SMTP server on loopback that keeps every mail, give it to the web app as SMTP_URL, and list
   * what arrived as JSON at `GET /mail` on the control port.
   */
  "smtp-sink": z.boolean().default(false),
  /** Test-only: a loopback HTTP port where `POST /restart/<service>` kills and restarts that service. */
  "control-port": z.coerce.number().int().min(1).max(65535).optional(),
});

function log(message: string) {
  process.stdout.write(`\x1b[36m[stack]\x1b[0m ${message}\n`);
}

/** Dev secrets are generated once and kept under .data/, so sessions survive restarts. */
function devSecrets(dataRoot: string): { BETTER_AUTH_SECRET: string; JOIN_TOKEN_SECRET: string } {
  const file = join(dataRoot, "dev-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    JOIN_TOKEN_SECRET: randomBytes(32).toString("base64url"),
  };
  mkdirSync(dataRoot, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Signals a child and waits for it to exit (SIGKILL after 5 s). */
function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      done();
    });
    child.kill(signal);
  });
}

async function main() {
  const { values } = parseArgs({
    // NOTE: package-manager wrappers may forward a literal "--"; it is not an end-of-options marker here.
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: {
      mode: { type: "string" },
      ephemeral: { type: "boolean" },
      "web-port": { type: "string" },
      "signaling-port": { type: "string" },
      "pg-port": { type: "string" },
      "control-port": { type: "string" },
      turn: { type: "boolean" },
      janus: { type: "boolean" },
      oidc: { type: "boolean" },
      redis: { type: "boolean" },
      "signaling-nodes": { type: "string" },
      "smtp-sink": { type: "boolean" },
    },
    allowPositionals: true,
  });
  const opts = optionsSchema.parse(values);
  // NOTE: a throwaway (test) stack ignores the developer's .env, which may point at a real database.
  if (!opts.ephemeral && existsSync(join(ROOT, ".env"))) process.loadEnvFile(join(ROOT, ".env"));

  const dataRoot = opts.ephemeral ? mkdtempSync(join(tmpdir(), "parley-stack-")) : join(ROOT, ".data");
  // NOTE: as root, Postgres runs as the `postgres` user, which must be able to enter the folder.
  if (opts.ephemeral) chmodSync(dataRoot, 0o755);
  const cleanups: Array<() => Promise<void> | void> = [];
  // Whatever started so far is stopped on Ctrl-C/SIGTERM or a failed start, even halfway through starting.
  const children = new Map<string, ChildProcess>();
  const restarting = new Set<string>();
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log("stopping…");
    await Promise.all([...children.values()].map((child) => terminate(child, "SIGTERM")));
    for (const cleanup of cleanups) {
      try {
        await cleanup();
      } catch (error) {
        log(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  try {
    await startEverything();
  } catch (error) {
    process.stderr.write(`[stack] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    await stop(1);
  }

  async function startEverything() {
  if (opts.ephemeral) cleanups.push(() => rmSync(dataRoot, { recursive: true, force: true }));

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    log(`DATABASE_URL not set: starting embedded Postgres (data in ${join(dataRoot, "postgres")})`);
    const pg = await startEmbeddedPostgres({
      dataDir: join(dataRoot, "postgres"),
      port: opts["pg-port"],
      ephemeral: opts.ephemeral,
    });
    cleanups.unshift(() => pg.stop());
    databaseUrl = pg.url;
  }
  const { applied } = await migrate(databaseUrl, { log });
  log(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

  if (opts["signaling-nodes"] > 1 && !opts.redis && !process.env.REDIS_URL) {
    throw new Error("several signaling nodes share rooms through Redis: add --redis or set REDIS_URL");
  }
  let redisEnv: Record<string, string> = {};
  if (opts.redis) {
    // A start failure (not installed) names the package and stops the stack like any failed start.
    const redis = await startRedis({ port: opts["pg-port"] + 1 });
    cleanups.unshift(() => redis.stop());
    redisEnv = { REDIS_URL: redis.url };
    log(`redis-server listening on 127.0.0.1:${redis.port}`);
  }

  let turnEnv: Record<string, string> = {};
  if (opts.turn) {
    const coturn = await startCoturn({});
    cleanups.unshift(() => coturn.stop());
    turnEnv = { TURN_URLS: coturn.urls.join(","), TURN_SECRET: coturn.secret, STUN_URLS: `stun:${coturn.host}:${coturn.port}` };
    log(`coturn listening on ${coturn.host}:${coturn.port}`);
  }

  let janusEnv: Record<string, string> = {};
  if (opts.janus) {
    const janus = await startJanus({ debugLevel: 3 });
    cleanups.unshift(() => janus.stop());
    janusEnv = {
      SFU_NODES: `janus-1=${janus.wsUrl}|${janus.adminUrl}`,
      JANUS_API_SECRET: janus.secrets.apiSecret,
      JANUS_ADMIN_SECRET: janus.secrets.adminSecret,
      JANUS_ROOM_ADMIN_KEY: janus.secrets.roomAdminKey,
    };
    log(`janus listening on ${janus.wsUrl}`);
  }

  let smtpSink: SmtpSink | undefined;
  let mailEnv: Record<string, string> = {};
  if (opts["smtp-sink"]) {
    if (!opts["control-port"]) throw new Error("--smtp-sink lists mail on the control port: add --control-port");
    const sink = await startSmtpSink();
    smtpSink = sink;
    cleanups.unshift(() => sink.stop());
    mailEnv = { SMTP_URL: sink.url };
    log(`SMTP sink listening on ${sink.url}`);
  }

  const webUrl = process.env.PUBLIC_URL ?? `http://localhost:${opts["web-port"]}`;

  let oidcEnv: Record<string, string> = {};
  if (opts.oidc) {
    const clientSecret = randomBytes(24).toString("base64url");
    const oidc = await startOidcProvider({
      clients: [{ clientId: "parley-stack", clientSecret, redirectUris: [`${webUrl}/api/auth/callback/oidc`] }],
      groupsOf: (login) => (login.startsWith("admin") ? ["parley-admins"] : []),
    });
    cleanups.unshift(() => oidc.stop());
    oidcEnv = { OIDC_ISSUER: oidc.issuer, OIDC_CLIENT_ID: "parley-stack", OIDC_CLIENT_SECRET: clientSecret, OIDC_ADMIN_GROUP: "parley-admins" };
    log(`OpenID Connect provider at ${oidc.issuer} (any login; "admin…" logins are administrators)`);
  }
  const signalingUrl = process.env.SIGNALING_PUBLIC_URL ?? `http://localhost:${opts["signaling-port"]}`;
  // Fill in only the secrets that are missing: one the operator set is never replaced.
  const generated = process.env.BETTER_AUTH_SECRET && process.env.JOIN_TOKEN_SECRET ? null : devSecrets(dataRoot);
  const secrets = {
    BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET || generated!.BETTER_AUTH_SECRET,
    JOIN_TOKEN_SECRET: process.env.JOIN_TOKEN_SECRET || generated!.JOIN_TOKEN_SECRET,
  };
  const env = {
    ...process.env,
    ...secrets,
    ...turnEnv,
    ...janusEnv,
    ...redisEnv,
    ...oidcEnv,
    ...mailEnv,
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: webUrl,
    SIGNALING_PUBLIC_URL: signalingUrl,
    ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? webUrl,
    NODE_ENV: opts.mode === "prod" ? "production" : "development",
  };

  const bin = (app: string, name: string) => join(ROOT, "apps", app, "node_modules", ".bin", name);
  // Signaling nodes listen on consecutive ports; the first is "signaling", further ones "signaling2", ...
  const signalingNodes = Array.from({ length: opts["signaling-nodes"] }, (_, i) => ({
    name: i === 0 ? "signaling" : `signaling${i + 1}`,
    cmd: opts.mode === "prod" ? process.execPath : bin("signaling", "tsx"),
    // NOTE: prod runs the service as apps/signaling's `start` script and Dockerfile do (a larger young generation:
    // fewer GC pauses under load, see bench/signaling-load/RESULTS.md).
    args: opts.mode === "prod" ? ["--max-semi-space-size=32", "dist/main.js"] : ["watch", "src/main.ts"],
    cwd: "apps/signaling",
    port: opts["signaling-port"] + i,
  }));
  const services = [
    ...signalingNodes,
    // NOTE: prod runs apps/web's server.mjs as its `start` script and Dockerfile do (it resolves client addresses).
    opts.mode === "prod"
      ? { name: "web", cmd: process.execPath, args: ["server.mjs"], cwd: "apps/web", port: opts["web-port"] }
      : { name: "web", cmd: bin("web", "next"), args: ["dev", "--port", String(opts["web-port"])], cwd: "apps/web", port: opts["web-port"] },
  ];

  const launch = (service: (typeof services)[number]) => {
    const child = spawn(service.cmd, service.args, {
      cwd: join(ROOT, service.cwd),
      env: { ...env, PORT: String(service.port) },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("exit", (code, signal) => {
      if (stopping || restarting.has(service.name)) return;
      log(`${service.name} exited (${signal ?? code}); shutting down`);
      void stop(1);
    });
    children.set(service.name, child);
  };
  services.forEach(launch);

  if (opts["control-port"]) {
    // Fault injection for end-to-end tests: crash a service (SIGKILL) and start it again.
    const control = createServer((req, res) => {
      if (req.method === "GET" && req.url === "/mail" && smtpSink) {
        const mail = smtpSink.messages.map(({ raw: _raw, ...message }) => message);
        return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(mail));
      }
      const name = /^\/restart\/(\w+)$/.exec(req.url ?? "")?.[1];
      const service = services.find((s) => s.name === name);
      const child = service && children.get(service.name);
      if (req.method !== "POST" || !service || !child) return void res.writeHead(404).end();
      restarting.add(service.name);
      void terminate(child, "SIGKILL").then(() => {
        launch(service);
        restarting.delete(service.name);
        res.writeHead(204).end();
      });
    });
    control.listen(opts["control-port"], "127.0.0.1");
    cleanups.push(() => void control.close());
  }

  const ready = await waitForHttp(`http://127.0.0.1:${opts["web-port"]}/healthz`, 120_000);
  const signalingReady = (
    await Promise.all(signalingNodes.map((node) => waitForHttp(`http://127.0.0.1:${node.port}/healthz`, 30_000)))
  ).every(Boolean);
  if (!ready || !signalingReady) {
    throw new Error("services did not become healthy in time");
  }
  log(`Parley is running at ${webUrl} (signaling ${signalingUrl}). Ctrl-C stops it.`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[stack] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
