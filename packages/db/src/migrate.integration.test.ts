import { randomUUID } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createDb } from "./client";
import { migrate, MigrationError } from "./migrate";
import { checksumOf, MIGRATIONS_DIR, readMigrations } from "./migrations/migrations-dir";

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** An empty database on the test cluster. */
async function freshDatabase(): Promise<string> {
  const admin = new URL(inject("databaseUrl"));
  const name = `migrate_${randomUUID().replaceAll("-", "")}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  admin.pathname = `/${name}`;
  return admin.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A writable copy of the package's migrations, for tests that tamper with them. */
async function copyOfMigrations(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "parley-migrations-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("migrate", () => {
  it("applies every migration to a fresh database, then nothing on a second run", async () => {
    const url = await freshDatabase();
    const local = await readMigrations();
    const logs: string[] = [];

    const first = await migrate(url, { log: (m) => logs.push(m) });
    expect(first.applied).toEqual(local.map((m) => m.name));
    expect(logs.some((l) => l.startsWith("applied migration"))).toBe(true);

    const second = await migrate(url);
    expect(second.applied).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = await readFile(join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(checksumOf(file.toString("utf8")));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count, `row ${i}`).toBe(1);
    }
  });

  it("records history in a table shaped exactly like Prisma's", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string; len: number | null }>(
      url,
      `SELECT column_name, data_type, is_nullable, character_maximum_length AS len FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "id", data_type: "character varying", is_nullable: "NO", len: 36 },
      { column_name: "checksum", data_type: "character varying", is_nullable: "NO", len: 64 },
      { column_name: "finished_at", data_type: "timestamp with time zone", is_nullable: "YES", len: null },
      { column_name: "migration_name", data_type: "character varying", is_nullable: "NO", len: 255 },
      { column_name: "logs", data_type: "text", is_nullable: "YES", len: null },
      { column_name: "rolled_back_at", data_type: "timestamp with time zone", is_nullable: "YES", len: null },
      { column_name: "started_at", data_type: "timestamp with time zone", is_nullable: "NO", len: null },
      { column_name: "applied_steps_count", data_type: "integer", is_nullable: "NO", len: null },
    ]);
  });

  it("lets only one of two simultaneous runs apply the migrations", async () => {
    const url = await freshDatabase();
    const [a, b] = await Promise.all([migrate(url), migrate(url)]);
    const total = [...a.applied, ...b.applied].sort();
    expect(total).toEqual((await readMigrations()).map((m) => m.name));
    const rows = await query<{ n: string }>(url, `SELECT count(*) AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]?.n)).toBe(total.length);
  });

  it("refuses when an applied migration was edited afterwards", async () => {
    const url = await freshDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, { migrationsDir: dir });
    const [first] = await readMigrations(dir);
    await writeFile(join(dir, first!.name, "migration.sql"), `${first!.script}\n-- edited\n`);

    const error = await migrate(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe("checksum_mismatch");
    expect((error as MigrationError).migrationName).toBe(first!.name);
  });

  it("refuses while a failed migration is recorded, and applies nothing", async () => {
    const url = await freshDatabase();
    const dir = await copyOfMigrations();
    await migrate(url, { migrationsDir: dir });
    await query(url, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [
      randomUUID(),
      "0".repeat(64),
      "20990101000000_broken_by_hand",
    ]);
    await mkdir(join(dir, "20990102000000_next"));
    await writeFile(join(dir, "20990102000000_next", "migration.sql"), `CREATE TABLE "never_created" (id int);\n`);

    const error = await migrate(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect((error as MigrationError).code).toBe("failed_migration_recorded");
    const tables = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'never_created'`);
    expect(tables).toEqual([]);
  });

  it("rolls a failing migration back completely and stops there", async () => {
    const url = await freshDatabase();
    const dir = await copyOfMigrations();
    await mkdir(join(dir, "20990101000000_half_bad"));
    await writeFile(
      join(dir, "20990101000000_half_bad", "migration.sql"),
      `CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n`,
    );
    await mkdir(join(dir, "20990102000000_after"));
    await writeFile(join(dir, "20990102000000_after", "migration.sql"), `CREATE TABLE "after_bad" (id int);\n`);

    const error = await migrate(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect((error as MigrationError).code).toBe("migration_failed");
    expect((error as MigrationError).migrationName).toBe("20990101000000_half_bad");
    const leftovers = await query(
      url,
      `SELECT table_name FROM information_schema.tables WHERE table_name IN ('half_done', 'after_bad')`,
    );
    expect(leftovers).toEqual([]);
    const recorded = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
    expect(recorded.map((r) => r.migration_name)).not.toContain("20990101000000_half_bad");
  });

  it("produces a schema the Prisma client can read and write", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const db = createDb(url);
    cleanups.push(() => db.close());
    const user = await db.prisma.user.create({ data: { id: "u1", name: "Ada", email: "ada@example.test" } });
    const meeting = await db.prisma.meeting.create({
      data: { slug: "s1", title: "Standup", hostId: user.id, startsAt: new Date(), durationMinutes: 15, timeZone: "UTC", invitees: { create: [{ email: "b@example.test" }] } },
      include: { invitees: true },
    });
    const participant = await db.prisma.participant.create({ data: { meetingId: meeting.id, guestId: "g1", displayName: "Bob", role: "GUEST" } });
    await db.prisma.chatMessage.create({ data: { meetingId: meeting.id, participantId: participant.id, senderName: "Bob", body: "hi" } });
    await db.prisma.meeting.update({ where: { id: meeting.id }, data: { title: "Daily" } });

    const loaded = await db.prisma.meeting.findUniqueOrThrow({ where: { id: meeting.id }, include: { invitees: true, messages: true, participants: true } });
    expect(loaded).toMatchObject({ title: "Daily", status: "SCHEDULED", invitees: [{ email: "b@example.test" }], messages: [{ body: "hi" }], participants: [{ displayName: "Bob" }] });

    await db.prisma.meeting.delete({ where: { id: meeting.id } });
    expect(await db.prisma.chatMessage.count({ where: { meetingId: meeting.id } })).toBe(0);
  });

  it("enforces the hand-written CHECK constraints", async () => {
    const url = await freshDatabase();
    await migrate(url);
    await query(url, `INSERT INTO "user" (id, name, email, "updatedAt") VALUES ('u', 'U', 'u@example.test', now())`);
    const insertMeeting = (duration: number) =>
      query(
        url,
        `INSERT INTO meeting (id, slug, title, "hostId", "startsAt", "durationMinutes", "timeZone", "updatedAt")
         VALUES (gen_random_uuid(), gen_random_uuid()::text, 't', 'u', now(), $1, 'UTC', now())`,
        [duration],
      );
    await expect(insertMeeting(0)).rejects.toThrow(/meeting_durationMinutes_check/);
    await expect(insertMeeting(1441)).rejects.toThrow(/meeting_durationMinutes_check/);
    await expect(insertMeeting(1440)).resolves.toEqual([]);
  });
});
