// Runs `prisma generate` without Prisma's native schema engine (not shipped here, nor on air-gapped hosts).
// NOTE: generate never calls the schema engine, but the CLI checks that the binary exists before it starts,
// so any executable will do. Update/telemetry checks are switched off: they would try the network.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const prismaBin = join(packageDir, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");

const env = {
  ...process.env,
  // NOTE: falls back to node itself where /bin/true does not exist (Windows); it only has to exist.
  PRISMA_SCHEMA_ENGINE_BINARY:
    process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync("/bin/true") ? "/bin/true" : process.execPath),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};

if (!existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  console.error(`PRISMA_SCHEMA_ENGINE_BINARY points at ${env.PRISMA_SCHEMA_ENGINE_BINARY}, which does not exist.`);
  process.exit(1);
}

const result = spawnSync(prismaBin, ["generate"], { cwd: packageDir, env, stdio: "inherit" });
if (result.error) {
  console.error(`Could not run ${prismaBin}: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
