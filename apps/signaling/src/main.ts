import { randomUUID } from "node:crypto";
import type { SignalingDb } from "./db";
import { configFromEnv, parseEnv } from "./env";
import { lazyDb } from "./lazy-db";
import { createLogger } from "./logger";
import { createSignalingServer } from "./server";

const WARM_UP_DELAY_MS = 1500;

/**
 * Runs the reads a join makes once at start: the first queries otherwise pay for the pool's connections and
 * Prisma's query planning (~1 s under load).
 */
async function warmUp(db: SignalingDb): Promise<void> {
  const nobody = randomUUID();
  await Promise.all([db.meetings.findById(nobody), db.chat.history(nobody, 1)]);
}

/** Production entry: read env, connect the database, serve; stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const env = parseEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL);
  // NOTE: loaded after listening (a separate chunk): see lazy-db.ts.
  const db = lazyDb(async () => (await import("@parley/db")).createDb(env.DATABASE_URL));
  const server = createSignalingServer({
    db,
    joinTokenSecret: env.JOIN_TOKEN_SECRET,
    logger,
    config: configFromEnv(env),
  });
  const { port } = await server.listen(env.PORT, env.HOST);
  // NOTE: after a restart every client resumes at once, and resuming needs no database (handlers/room.ts); starting
  // Prisma's query compiler is seconds of CPU under load, so it waits until that wave has passed.
  setTimeout(() => void db.load().then(() => warmUp(db)).catch((error: unknown) => logger.warn({ err: error }, "database warm-up failed")), WARM_UP_DELAY_MS);
  logger.info({ port, host: env.HOST, rooms: env.REDIS_URL ? "redis" : "memory" }, "signaling listening");
  if (env.RECORDINGS_DIR && env.SFU_NODES.length === 0) logger.warn("RECORDINGS_DIR is set but SFU_NODES is empty: recording is unavailable (Janus records the meetings)");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    try {
      await server.close();
      await db.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
