// Applies prisma/migrations with plain `pg`, so deploys need no native Prisma engine. The bookkeeping is
// Prisma's own (_prisma_migrations, sha256 checksums, advisory lock key), so `prisma migrate status/deploy`
// run from a machine that has the engine agrees with what this wrote.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { MigrationError } from "./migrations/errors";
import { matchesChecksum, MIGRATIONS_DIR, readMigrations, type LocalMigration } from "./migrations/migrations-dir";

export { MigrationError, MIGRATION_ERROR_CODES, type MigrationErrorCode } from "./migrations/errors";

export type MigrateOptions = {
  log?: (msg: string) => void;
  /** Defaults to this package's prisma/migrations. */
  migrationsDir?: string;
  /** How long to wait for another process's migration run; default 60 s. */
  lockTimeoutMs?: number;
};

// NOTE: the key Prisma's schema engine locks on, so we also exclude a concurrent `prisma migrate deploy`.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Exactly the table Prisma's schema engine creates on PostgreSQL.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type MigrationRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

/** Applies pending migrations in order, each in its own transaction; returns the names it applied. */
export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const local = await readMigrations(opts.migrationsDir ?? MIGRATIONS_DIR);
  const client = new pg.Client({ connectionString: databaseUrl });
  // A dropped connection surfaces as the failing query's error; this keeps it from also crashing the process.
  client.on("error", (error) => log(`migration connection error: ${error.message}`));
  await client.connect();
  try {
    await acquireLock(client, opts.lockTimeoutMs ?? 60_000);
    try {
      // Read the history only once we hold the lock: a process that waited sees what the other one applied.
      await client.query(CREATE_MIGRATIONS_TABLE);
      const rows = (
        await client.query<MigrationRow>(
          `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
        )
      ).rows;
      const pending = pendingMigrations(local, rows, log);
      const applied: string[] = [];
      for (const migration of pending) {
        const started = performance.now();
        await applyOne(client, migration);
        applied.push(migration.name);
        log(`applied migration ${migration.name} (${Math.round(performance.now() - started)} ms)`);
      }
      if (applied.length === 0) log("database schema is up to date");
      return { applied };
    } finally {
      // The lock also dies with the session; never let a failed unlock hide the real error.
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

async function acquireLock(client: pg.Client, timeoutMs: number): Promise<void> {
  // NOTE: lock_timeout also bounds advisory lock waits; reset it so it does not leak into the migrations.
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
  } catch (cause) {
    throw new MigrationError("lock_timeout", `Another process held the migration lock for over ${timeoutMs} ms`, { cause });
  } finally {
    await client.query("RESET lock_timeout");
  }
}

/** Refuses a history Prisma would refuse; returns what is left to apply. */
function pendingMigrations(local: LocalMigration[], rows: MigrationRow[], log: (msg: string) => void): LocalMigration[] {
  const live = rows.filter((row) => row.rolled_back_at === null); // rolled-back rows are audit trail only
  const failed = live.find((row) => row.finished_at === null);
  if (failed) {
    throw new MigrationError(
      "failed_migration_recorded",
      `Migration ${failed.migration_name} is recorded as failed. Fix the database by hand, then mark it rolled back or applied (prisma migrate resolve).`,
      { migrationName: failed.migration_name },
    );
  }
  const appliedNames = new Set(live.map((row) => row.migration_name));
  for (const row of live) {
    const file = local.find((m) => m.name === row.migration_name);
    if (!file) {
      // NOTE: not fatal: an older release may run against a database a newer one migrated.
      log(`warning: migration ${row.migration_name} is applied but missing from the migrations folder`);
    } else if (!matchesChecksum(file.script, row.checksum)) {
      throw new MigrationError(
        "checksum_mismatch",
        `Migration ${row.migration_name} was edited after it was applied. Restore the original file and add a new migration instead.`,
        { migrationName: row.migration_name },
      );
    }
  }
  return local.filter((m) => !appliedNames.has(m.name));
}

async function applyOne(client: pg.Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script); // simple query protocol: runs a multi-statement script
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (cause) {
    // NOTE: the transaction leaves no trace, so unlike Prisma we record no failed row: fixing the file and
    // rerunning is enough. Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY) are unsupported.
    await client.query("ROLLBACK").catch(() => {});
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new MigrationError("migration_failed", `Migration ${migration.name} failed and was rolled back: ${detail}`, {
      cause,
      migrationName: migration.name,
    });
  }
}
