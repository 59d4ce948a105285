import type { TestProject } from "vitest/node";
import { startTestDatabase } from "@parley/db/testing";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** One real, migrated Postgres (embedded) for the whole web test run. */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  project.provide("databaseUrl", database.url);
  return () => database.stop();
}
