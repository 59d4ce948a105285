// Proves the claim in src/migrate.ts: Prisma's own migration engine (the one behind `prisma migrate status`
// and `deploy`, here in its wasm build talking through adapter-pg) reads our bookkeeping as its own.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { describe, expect, inject, it } from "vitest";
import { MIGRATIONS_DIR, readMigrations } from "../src/migrations/migrations-dir";
import { loadSchemaEngine } from "./schema-diff";
import { SCHEMA_PATH } from "./snapshot";

const filters = { externalTables: [], externalEnums: [] };

async function migrationList(edit?: (script: string) => string): Promise<MigrationList> {
  const local = await readMigrations();
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await readFile(join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8") },
    shadowDbInitScript: "",
    migrationDirectories: local.map((m, i) => ({
      path: m.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: i === 0 && edit ? edit(m.script) : m.script } },
    })),
  };
}

describe("Prisma's migration engine on a database migrated by migrate()", () => {
  it("sees every migration as applied, unedited, and has nothing to deploy", async () => {
    const glue = await loadSchemaEngine();
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: inject("databaseUrl") }));
    const engine = await glue.SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
    try {
      const status = await engine.diagnoseMigrationHistory({ migrationsList: await migrationList(), optInToShadowDatabase: false, filters });
      expect(status).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });

      const deploy = await engine.applyMigrations({ migrationsList: await migrationList(), filters });
      expect(deploy.appliedMigrationNames).toEqual([]);

      // Control: the same engine does flag an edit, so the agreement above is not vacuous.
      const edited = await engine.diagnoseMigrationHistory({
        migrationsList: await migrationList((s) => `${s}\n-- edited`),
        optInToShadowDatabase: false,
        filters,
      });
      expect(edited.editedMigrationNames).toHaveLength(1);
    } finally {
      engine.free();
    }
  });
});
