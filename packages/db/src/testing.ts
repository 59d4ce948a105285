// Throwaway, migrated Postgres for integration tests in any package. Start it once per test run:
//
//   // vitest.config.ts:  test: { globalSetup: ["./vitest.global-setup.ts"] }
//   // vitest.global-setup.ts:
//   import type { TestProject } from "vitest/node";
//   import { startTestDatabase } from "@parley/db/testing";
//   export default async function setup(project: TestProject) {
//     const db = await startTestDatabase();
//     project.provide("databaseUrl", db.url);
//     return () => db.stop();
//   }
//   // in a test:  const url = inject("databaseUrl");   (declare module "vitest" { interface ProvidedContext { databaseUrl: string } })
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";
import { freePort } from "@parley/test-support";

export type TestDatabase = { url: string; stop(): Promise<void> };

/** Starts embedded Postgres in a fresh temp dir on a free port and applies every migration. */
export async function startTestDatabase(opts: { migrationsDir?: string; log?: (msg: string) => void } = {}): Promise<TestDatabase> {
  const root = await mkdtemp(join(tmpdir(), "parley-pg-"));
  try {
    // NOTE: mkdtemp makes a 0700 dir; as root, Postgres runs as `postgres` and must be able to enter it.
    await chmod(root, 0o711);
    const db = await startOnFreePort(join(root, "data"), opts.log);
    try {
      await migrate(db.url, { migrationsDir: opts.migrationsDir, log: opts.log });
    } catch (error) {
      await db.stop();
      throw error;
    }
    let stopped: Promise<void> | undefined;
    return {
      url: db.url,
      stop: () =>
        (stopped ??= (async () => {
          await db.stop();
          await rm(root, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

async function startOnFreePort(dataDir: string, log?: (msg: string) => void) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startEmbeddedPostgres({ dataDir, port: await freePort(), ephemeral: true, log });
    } catch (error) {
      // Another process may grab the port between probing and binding it; a second port almost always works.
      if (!(error instanceof EmbeddedPostgresError && error.code === "start_failed") || attempt >= 3) throw error;
    }
  }
}

