import type { TestProject } from "vitest/node";
import { startTestDatabase } from "@parley/db/testing";

declare module "vitest" {
  interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await startTestDatabase();
  project.provide("databaseUrl", db.url);
  return () => db.stop();
}
