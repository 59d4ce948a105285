// Reads Prisma's migrations layout: <dir>/<timestamp>_<name>/migration.sql plus <dir>/migration_lock.toml.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MigrationError } from "./errors";

/** The package's own migrations folder. */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export type LocalMigration = { name: string; script: string; checksum: string };

/** Lists migrations in apply order (folder names start with a UTC timestamp, so name order is time order). */
export async function readMigrations(dir: string = MIGRATIONS_DIR): Promise<LocalMigration[]> {
  if (!existsSync(dir)) throw new MigrationError("invalid_migrations_dir", `No migrations folder at ${dir}`);
  const entries = await readdir(dir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrations: LocalMigration[] = [];
  for (const name of folders) {
    const file = join(dir, name, "migration.sql");
    if (!existsSync(file)) throw new MigrationError("invalid_migrations_dir", `Migration ${name} has no migration.sql`);
    const script = await readFile(file, "utf8");
    migrations.push({ name, script, checksum: checksumOf(script) });
  }
  if (migrations.length > 0) await assertPostgresLock(dir);
  return migrations;
}

async function assertPostgresLock(dir: string): Promise<void> {
  const lockFile = join(dir, "migration_lock.toml");
  const lock = existsSync(lockFile) ? await readFile(lockFile, "utf8") : "";
  if (!/^\s*provider\s*=\s*"postgresql"\s*$/m.test(lock)) {
    throw new MigrationError("invalid_migrations_dir", `${lockFile} is missing or not for provider "postgresql"`);
  }
}

/** Prisma's checksum: lowercase hex sha256 of the script as written. */
export function checksumOf(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/** Like Prisma, accept a checksum taken before git converted the file's line endings. */
export function matchesChecksum(script: string, checksum: string): boolean {
  const lf = script.replace(/\r\n/g, "\n");
  return [script, lf, lf.replace(/\n/g, "\r\n")].some((variant) => checksumOf(variant) === checksum);
}
