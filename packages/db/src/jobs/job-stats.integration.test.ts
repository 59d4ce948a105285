import { afterAll, expect, it } from "vitest";
import { testDb } from "../test/fixtures";

const db = testDb();
afterAll(() => db.close());

it("reads an empty queue before the worker ever installed its schema, and no other error as empty", async () => {
  // This package's test database has no graphile_worker schema: the web app's worker installs it at start.
  expect(await db.jobs.stats()).toEqual([]);
  await db.prisma.$executeRawUnsafe("CREATE SCHEMA IF NOT EXISTS graphile_worker");
  await db.prisma.$executeRawUnsafe("CREATE VIEW graphile_worker.jobs AS SELECT 'meeting_mail'::text AS wrong_column");
  try {
    await expect(db.jobs.stats()).rejects.toThrow();
  } finally {
    await db.prisma.$executeRawUnsafe("DROP SCHEMA graphile_worker CASCADE");
  }
});
