import "server-only";
import { createDb, type Db } from "@parley/db";
import { env } from "@/env";

// NOTE: one pool per process; stored on globalThis so `next dev` hot reloads don't open a new pool each time.
const holder = globalThis as unknown as { parleyDb?: Db };

/** The process-wide database handle. */
export function db(): Db {
  holder.parleyDb ??= createDb(env().DATABASE_URL);
  return holder.parleyDb;
}
