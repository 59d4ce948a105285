import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { diffSchemas } from "./schema-diff";
import { SCHEMA_PATH, snapshotSource } from "./snapshot";

describe("schema snapshot", () => {
  it("matches schema.prisma, i.e. every schema change has a migration", async () => {
    const snapshot = await snapshotSource();
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const diff = await diffSchemas(snapshot, { kind: "schema", path: "schema.prisma", content: schema });
    expect(diff.script, "schema.prisma changed without a migration: run `pnpm db:migration:create <name>`").toContain(
      "empty migration",
    );
    expect(diff.empty).toBe(true);
  });

  it("would notice a schema change (the diff engine is really diffing)", async () => {
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const changed = schema.replace(/model Meeting \{/, "model Meeting {\n  driftProbe String?");
    expect(changed).not.toBe(schema);
    const diff = await diffSchemas(
      { kind: "schema", path: "schema.prisma", content: schema },
      { kind: "schema", path: "schema.prisma", content: changed },
    );
    expect(diff.empty).toBe(false);
    expect(diff.script).toContain(`ALTER TABLE "meeting" ADD COLUMN     "driftProbe" TEXT;`);
  });
});
