import { fileURLToPath } from "node:url";
import { migrate, MigrationError } from "@parley/db/migrate";
import { z } from "zod";
import { createLogger } from "./logger";

/**
 * One-shot production entry (`node dist/migrate-main.js`, the compose `migrate` service): applies pending
 * database migrations and exits 0, or exits 1 with the reason. Safe to run from several places at once
 * (migrate() holds Prisma's advisory lock).
 */

// NOTE: tsup bundles @parley/db into dist/, but the SQL files stay in packages/db; src/ and dist/ sit at the
// same depth, so this path holds for both `tsx src/migrate-main.ts` and the bundle (in the repo and the image).
const MIGRATIONS_DIR = fileURLToPath(new URL("../../../packages/db/prisma/migrations", import.meta.url));

const envSchema = z.object({
  DATABASE_URL: z.string().url(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid migrate environment:\n  ${problems.join("\n  ")}`);
  }
  const logger = createLogger(parsed.data.LOG_LEVEL);
  try {
    const { applied } = await migrate(parsed.data.DATABASE_URL, {
      migrationsDir: MIGRATIONS_DIR,
      log: (msg) => logger.info(msg),
    });
    logger.info({ applied }, "migrate finished");
  } catch (error) {
    const code = error instanceof MigrationError ? error.code : "unexpected";
    logger.fatal({ err: error, code }, "migration failed");
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
