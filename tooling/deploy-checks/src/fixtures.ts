// The real files under test, loaded once. The app env schemas come from the apps on purpose (each exports its
// `./env`): this package exists to check that the deployment passes everything the apps read.
import { envSchema as signalingEnvSchema } from "@parley/signaling/env";
import { envSchema as webEnvSchema } from "@parley/web/env";
import { appEnvFromSchema, type AppEnv } from "./app-env";
import { parseEnvExample } from "./env-example";
import { readRepoFile } from "./repo";

export const composeText = readRepoFile("docker-compose.yml");
export const envExampleText = readRepoFile(".env.example");
export const envExample = parseEnvExample(envExampleText);
export const coturnTemplate = readRepoFile("deploy/coturn/turnserver.conf.template");

export const apps: AppEnv[] = [
  // server.mjs (apps/web/Dockerfile) reads PORT outside the schema.
  appEnvFromSchema("web", webEnvSchema, ["PORT"]),
  appEnvFromSchema("signaling", signalingEnvSchema),
];
