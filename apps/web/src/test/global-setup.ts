import type { TestProject } from "vitest/node";
import { startTestDatabase } from "@parley/db/testing";
import { Logger, runMigrations } from "graphile-worker";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const quietLogger = new Logger(() => () => {});

/** One real, migrated Postgres (embedded) for the whole web test run. */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  // The job queue's schema (the web app's worker installs it at start); scheduling queues mail into it.
  await runMigrations({ connectionString: database.url, logger: quietLogger });
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}
