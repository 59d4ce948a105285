import { afterAll, describe, expect, it } from "vitest";
import { DbError } from "../errors";
import { insertUser, testDb } from "../test/fixtures";

const db = testDb();
afterAll(() => db.close());

describe("users repository", () => {
  it("finds a user by id, or null", async () => {
    const user = await insertUser(db, { name: "Grace" });
    expect(await db.users.findById(user.id)).toMatchObject({ id: user.id, name: "Grace", timeZone: "UTC" });
    expect(await db.users.findById("nobody")).toBeNull();
  });

  it("updates name and time zone", async () => {
    const user = await insertUser(db);
    const updated = await db.users.updateProfile(user.id, { name: "  Grace Hopper ", timeZone: "Europe/Berlin" });
    expect(updated).toMatchObject({ name: "Grace Hopper", timeZone: "Europe/Berlin" });
    expect(await db.users.findById(user.id)).toMatchObject({ name: "Grace Hopper", timeZone: "Europe/Berlin" });
  });

  it("returns null for an unknown user", async () => {
    expect(await db.users.updateProfile("nobody", { name: "X", timeZone: "UTC" })).toBeNull();
  });

  it("rejects an empty name and writes nothing", async () => {
    const user = await insertUser(db, { name: "Before" });
    const error = await db.users.updateProfile(user.id, { name: "  ", timeZone: "UTC" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbError);
    expect((error as DbError).code).toBe("invalid_input");
    expect(await db.users.findById(user.id)).toMatchObject({ name: "Before" });
  });
});
