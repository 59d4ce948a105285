import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checksumOf, matchesChecksum, readMigrations } from "./migrations-dir";

describe("migration checksums", () => {
  it("is the sha256 hex of the script, as Prisma writes it", () => {
    expect(checksumOf("SELECT 1;\n")).toBe(createHash("sha256").update("SELECT 1;\n").digest("hex"));
  });

  it("tolerates line endings changed by git, but not edits", () => {
    const lf = "CREATE TABLE a ();\nCREATE TABLE b ();\n";
    const crlf = lf.replace(/\n/g, "\r\n");
    expect(matchesChecksum(crlf, checksumOf(lf))).toBe(true);
    expect(matchesChecksum(lf, checksumOf(crlf))).toBe(true);
    expect(matchesChecksum(`${lf}-- edited\n`, checksumOf(lf))).toBe(false);
  });
});

describe("readMigrations", () => {
  it("lists the package's migrations in timestamp order", async () => {
    const migrations = await readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const names = migrations.map((m) => m.name);
    expect(names).toEqual([...names].sort());
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });
});
