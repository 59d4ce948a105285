import type { AppEnv } from "./app-env";
import { dependenciesOf, environmentOf, healthcheckCommand, publishedContainerPorts, type ComposeDoc } from "./compose";
import type { EnvExample } from "./env-example";
import { variableUses } from "./interpolation";
import { janusProblems } from "./janus-checks";
import { recordingsProblems } from "./recordings-checks";

export type ComposeContext = {
  composeText: string;
  envExample: EnvExample;
  /** The apps whose env schema the compose service must fully pass through. */
  apps: AppEnv[];
  /** deploy/coturn/turnserver.conf.template. */
  coturnTemplate: string;
};

export const REQUIRED_SERVICES = ["postgres", "redis", "coturn", "migrate", "web", "signaling", "janus"] as const;
const HEALTH_PATHS = ["/healthz", "/readyz"];

/** Everything wrong with the compose file for self-hosting; empty when it is right. */
export function composeProblems(doc: ComposeDoc, ctx: ComposeContext): string[] {
  return [
    ...serviceProblems(doc),
    ...dependencyProblems(doc),
    ...variableProblems(ctx),
    ...appEnvProblems(doc, ctx.apps),
    ...portProblems(doc),
    ...coturnProblems(doc, ctx.coturnTemplate),
    ...janusProblems(doc),
    ...recordingsProblems(doc),
  ];
}

function serviceProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  for (const name of REQUIRED_SERVICES) if (!doc.services[name]) problems.push(`service "${name}" is missing`);
  const postgres = doc.services.postgres;
  if (postgres) {
    if (!postgres.image?.startsWith("postgres:")) problems.push("postgres must use the official postgres image");
    const namedVolume = (postgres.volumes ?? []).some((volume) => {
      const source = typeof volume === "string" ? volume.split(":")[0] : undefined;
      return source !== undefined && doc.volumes?.[source] !== undefined;
    });
    if (!namedVolume) problems.push("postgres must keep its data in a named volume declared under top-level volumes");
  }
  const migrate = doc.services.migrate;
  if (migrate) {
    if (migrate.restart !== "no") problems.push('migrate is one-shot: it needs restart: "no"');
    const command = [migrate.command ?? []].flat().join(" ");
    if (!command.includes("migrate")) problems.push("migrate must run the migration entrypoint");
  }
  return problems;
}

function dependencyProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(doc.services)) {
    for (const [target, condition] of dependenciesOf(service)) {
      const dependency = doc.services[target];
      if (!dependency) {
        problems.push(`${name} depends on unknown service "${target}"`);
        continue;
      }
      if (condition === "service_healthy" && (!dependency.healthcheck || dependency.healthcheck.disable)) {
        problems.push(`${name} waits for ${target} to be healthy, but ${target} has no healthcheck`);
      }
      if (condition === "service_completed_successfully" && dependency.restart !== "no") {
        problems.push(`${name} waits for ${target} to complete, but ${target} restarts (restart must be "no")`);
      }
    }
  }
  for (const app of ["web", "signaling"]) {
    const deps = doc.services[app] ? dependenciesOf(doc.services[app]) : new Map<string, string>();
    if (deps.get("migrate") !== "service_completed_successfully") {
      problems.push(`${app} must wait for migrate (condition: service_completed_successfully)`);
    }
    if (deps.get("postgres") !== "service_healthy") problems.push(`${app} must wait for postgres to be healthy`);
  }
  return problems;
}

function variableProblems(ctx: ComposeContext): string[] {
  const problems: string[] = [];
  const defaults = new Map<string, Set<string>>();
  for (const use of variableUses(ctx.composeText)) {
    if (!ctx.envExample.documented.has(use.name)) problems.push(`\${${use.name}} is used in docker-compose.yml but not in .env.example`);
    if (use.required && !ctx.envExample.set.has(use.name)) {
      problems.push(`${use.name} is required by docker-compose.yml, so .env.example must list it uncommented`);
    }
    if (use.fallback !== undefined) defaults.set(use.name, (defaults.get(use.name) ?? new Set()).add(use.fallback));
  }
  for (const [name, values] of defaults) {
    if (values.size > 1) problems.push(`\${${name}} has different defaults in docker-compose.yml: ${[...values].join(" | ")}`);
  }
  return problems;
}

/**
 * Variables whose compose default differs from the app's on purpose (and why). Everything else must agree, so a
 * default changed in one place is not silently different in the other.
 */
const DELIBERATE_COMPOSE_DEFAULTS: Record<string, string> = {
  // The app alone trusts no proxy; in compose the web container is reachable only through Caddy or a host proxy.
  TRUSTED_PROXIES: "compose puts the web app behind a proxy on a private address",
};

function appEnvProblems(doc: ComposeDoc, apps: AppEnv[]): string[] {
  const problems: string[] = [];
  for (const app of apps) {
    const service = doc.services[app.service];
    if (!service) continue;
    const env = environmentOf(service);
    for (const key of app.keys) {
      if (!env.has(key)) problems.push(`${app.service} reads ${key}, but docker-compose.yml does not pass it`);
    }
    for (const [key, value] of env) {
      if (!app.keys.includes(key) && !app.extraKeys.includes(key)) problems.push(`${app.service} is given ${key}, which its env schema does not read`);
      const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*):-([^${}]*)\}$/.exec(value);
      const schemaDefault = app.defaults.get(key);
      if (match && match[1] === key && schemaDefault !== undefined && match[2] !== schemaDefault && !(key in DELIBERATE_COMPOSE_DEFAULTS)) {
        problems.push(`${app.service}: compose default of ${key} is "${match[2]}" but the app's default is "${schemaDefault}"`);
      }
    }
  }
  return problems;
}

function portProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  for (const name of ["web", "signaling"]) {
    const service = doc.services[name];
    if (!service) continue;
    const port = Number(environmentOf(service).get("PORT"));
    if (!Number.isInteger(port)) {
      problems.push(`${name} must set PORT explicitly (the published port and healthcheck depend on it)`);
      continue;
    }
    if (!publishedContainerPorts(service).includes(port)) problems.push(`${name} listens on ${port} but publishes another port`);
    const check = healthcheckCommand(service) ?? "";
    if (!check.includes(`127.0.0.1:${port}/`)) problems.push(`${name} healthcheck does not probe 127.0.0.1:${port}`);
    if (!HEALTH_PATHS.some((path) => check.includes(path))) problems.push(`${name} healthcheck must use /healthz or /readyz`);
  }
  return problems;
}

function coturnProblems(doc: ComposeDoc, template: string): string[] {
  const coturn = doc.services.coturn;
  if (!coturn) return [];
  const env = environmentOf(coturn);
  // Comment lines are copied verbatim by the entrypoint, so only setting lines count.
  const settings = template.split("\n").filter((line) => !line.trimStart().startsWith("#")).join("\n");
  const problems = variableUses(settings)
    .filter((use) => !env.has(use.name))
    .map((use) => `turnserver.conf.template uses \${${use.name}}, which the coturn service does not set`);
  const secret = env.get("TURN_SECRET");
  const signalingSecret = doc.services.signaling ? environmentOf(doc.services.signaling).get("TURN_SECRET") : undefined;
  const secretVar = (value: string | undefined) => /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(value ?? "")?.[1];
  if (!secretVar(secret) || secretVar(secret) !== secretVar(signalingSecret)) {
    problems.push("coturn and signaling must take TURN_SECRET from the same variable");
  }
  return problems;
}
