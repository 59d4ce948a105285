// Shared by this package's integration tests only.
import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createDb, type Db } from "../client";
import type { User } from "../generated/prisma/client";

/** A Db on the run's migrated test database. Close it in afterAll. */
export function testDb(): Db {
  return createDb(inject("databaseUrl"));
}

export function insertUser(db: Db, overrides: Partial<Pick<User, "name" | "email" | "timeZone">> = {}): Promise<User> {
  const id = randomUUID();
  return db.prisma.user.create({
    data: { id, name: overrides.name ?? "Ada", email: overrides.email ?? `${id}@example.test`, timeZone: overrides.timeZone ?? "UTC" },
  });
}

export function uniqueSlug(): string {
  return `m-${randomUUID()}`;
}
