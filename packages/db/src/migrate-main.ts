import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { z } from "zod";
import { migrate, MigrationError } from "./migrate";

/**
 * One-shot production entry (`node packages/db/dist/migrate-main.js`, the compose `migrate` service): applies
 * pending database migrations and exits 0, or exits 1 with the reason. Safe to run from several places at once
 * (migrate() holds Prisma's advisory lock).
 */

// NOTE: the SQL files are not bundled; src/ and dist/ sit at the same depth in this package, so this path holds for
// both `tsx src/migrate-main.ts` and the bundle (in the repository and in the signaling image).
const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

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
  // Structured JSON lines like the services'; the database URL (it holds the password) is never logged.
  const logger = pino({ name: "migrate", level: parsed.data.LOG_LEVEL });
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
