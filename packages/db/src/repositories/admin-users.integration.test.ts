import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../client";
import { startTestDatabase, type TestDatabase } from "../testing";

// NOTE: a database of its own: "first account" and "last admin" are questions about the whole user table.
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await startTestDatabase();
  db = createDb(database.url);
}, 60_000);
afterAll(async () => {
  await db.close();
  await database.stop();
});

const newUser = (name: string) => {
  const id = randomUUID();
  return db.prisma.user.create({ data: { id, name, email: `${id}@example.test` } });
};

describe("administrators", () => {
  it("makes exactly one of many simultaneous first accounts the administrator", async () => {
    // Separate clients: each insert runs on its own connection, as concurrent sign-ups do.
    const clients = Array.from({ length: 6 }, () => createDb(database.url));
    try {
      const created = await Promise.all(
        clients.map((client, i) => client.prisma.user.create({ data: { id: randomUUID(), name: `First ${i}`, email: `${randomUUID()}@example.test` } })),
      );
      expect(created.filter((u) => u.role === "ADMIN")).toHaveLength(1);
      expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
      const later = await newUser("Later");
      expect(later.role).toBe("MEMBER");
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  });

  it("never removes, disables or deletes the last active administrator", async () => {
    await db.prisma.user.updateMany({ data: { role: "MEMBER" } });
    const admin = await newUser("Only Admin");
    await db.prisma.user.update({ where: { id: admin.id }, data: { role: "ADMIN" } });

    expect(await db.adminUsers.setRole(admin.id, "MEMBER")).toEqual({ ok: false, error: "last_admin" });
    expect(await db.adminUsers.setDisabled(admin.id, true)).toEqual({ ok: false, error: "last_admin" });
    expect(await db.adminUsers.remove(admin.id)).toEqual({ ok: false, error: "last_admin" });
    expect(await db.adminUsers.accessOf(admin.id)).toEqual({ role: "ADMIN", disabledAt: null });

    const second = await newUser("Second");
    expect(await db.adminUsers.setRole(second.id, "ADMIN")).toEqual({ ok: true });
    expect(await db.adminUsers.countActiveAdmins()).toBe(2);
    // Two admins demoting each other at the same moment: one must stay.
    const outcomes = await Promise.all([db.adminUsers.setRole(admin.id, "MEMBER"), db.adminUsers.setRole(second.id, "MEMBER")]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await db.adminUsers.countActiveAdmins()).toBe(1);
  });

  it("revokes every session of a disabled account and forgets the account on delete", async () => {
    const user = await newUser("Mallory");
    for (const n of [1, 2]) {
      await db.prisma.session.create({ data: { id: randomUUID(), token: `t-${randomUUID()}-${n}`, userId: user.id, expiresAt: new Date(Date.now() + 60_000) } });
    }
    expect(await db.adminUsers.setDisabled(user.id, true)).toEqual({ ok: true });
    expect(await db.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await db.adminUsers.accessOf(user.id))?.disabledAt).toBeInstanceOf(Date);
    expect(await db.adminUsers.setDisabled(user.id, false)).toEqual({ ok: true });
    expect((await db.adminUsers.accessOf(user.id))?.disabledAt).toBeNull();

    expect(await db.adminUsers.remove(user.id)).toEqual({ ok: true });
    expect(await db.adminUsers.accessOf(user.id)).toBeNull();
    expect(await db.adminUsers.remove(user.id)).toEqual({ ok: false, error: "not_found" });
    expect(await db.adminUsers.setRole("", "ADMIN")).toEqual({ ok: false, error: "not_found" });
  });

  it("lists accounts newest first with role and disabled flag", async () => {
    const user = await newUser("Listed");
    const listed = await db.adminUsers.list();
    expect(listed[0]).toMatchObject({ id: user.id, name: "Listed", role: "MEMBER", disabledAt: null });
  });
});
