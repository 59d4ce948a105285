import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";
import { z } from "zod";

const COMPOSE_SPEC_SCHEMA = JSON.parse(
  readFileSync(new URL("../vendor/compose-spec.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

let validateCompose: ValidateFunction | undefined;

/** Errors of `document` against the Compose Specification JSON schema; empty when valid. */
export function composeSchemaErrors(document: unknown): string[] {
  // NOTE: the upstream schema names its meta-schema with an https URL Ajv does not register; the schema is
  // checked by upstream, so only the document is validated here. strict:false: it uses `deprecated` etc.
  const validate = (validateCompose ??= new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(
    COMPOSE_SPEC_SCHEMA,
  ));
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}`);
}

const stringMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const healthcheckSchema = z.object({ test: z.union([z.string(), z.array(z.string())]), disable: z.boolean().optional() });
const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.union([z.string(), z.object({ context: z.string(), dockerfile: z.string().optional() })]).optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  entrypoint: z.union([z.string(), z.array(z.string())]).optional(),
  restart: z.string().optional(),
  environment: z.union([stringMap, z.array(z.string())]).optional(),
  ports: z.array(z.union([z.string(), z.number(), z.object({ target: z.number() }).passthrough()])).optional(),
  volumes: z.array(z.union([z.string(), z.object({}).passthrough()])).optional(),
  healthcheck: healthcheckSchema.optional(),
  depends_on: z
    .union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string().optional() }).passthrough())])
    .optional(),
  network_mode: z.string().optional(),
  networks: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]).optional(),
  profiles: z.array(z.string()).optional(),
  user: z.string().optional(),
  read_only: z.boolean().optional(),
  cap_drop: z.array(z.string()).optional(),
  cap_add: z.array(z.string()).optional(),
  security_opt: z.array(z.string()).optional(),
  tmpfs: z.union([z.string(), z.array(z.string())]).optional(),
});
const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema.passthrough()),
  volumes: z.record(z.string(), z.unknown()).optional(),
});

export type ComposeService = z.infer<typeof serviceSchema>;
export type ComposeDoc = z.infer<typeof composeSchema>;

/** Parses a compose file: the raw document (for the schema) and the fields the checks read. */
export function loadCompose(text: string): { raw: unknown; doc: ComposeDoc } {
  const raw: unknown = parse(text);
  return { raw, doc: composeSchema.parse(raw) };
}

/** A service's environment as a map (list form `KEY=value` included). */
export function environmentOf(service: ComposeService): Map<string, string> {
  const env = new Map<string, string>();
  if (Array.isArray(service.environment)) {
    for (const entry of service.environment) {
      const at = entry.indexOf("=");
      env.set(at === -1 ? entry : entry.slice(0, at), at === -1 ? "" : entry.slice(at + 1));
    }
  } else {
    for (const [key, value] of Object.entries(service.environment ?? {})) env.set(key, value === null ? "" : String(value));
  }
  return env;
}

/** `depends_on` as name → condition (short list form means service_started). */
export function dependenciesOf(service: ComposeService): Map<string, string> {
  const deps = new Map<string, string>();
  if (Array.isArray(service.depends_on)) for (const name of service.depends_on) deps.set(name, "service_started");
  else for (const [name, dep] of Object.entries(service.depends_on ?? {})) deps.set(name, dep.condition ?? "service_started");
  return deps;
}

/** Container ports a service publishes (the part after the last colon, protocol stripped). */
export function publishedContainerPorts(service: ComposeService): number[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === "number") return port;
    if (typeof port === "object") return port.target;
    return Number((port.split(":").pop() ?? "").split("/")[0]);
  });
}

/** The healthcheck command as one string. */
export function healthcheckCommand(service: ComposeService): string | undefined {
  const test = service.healthcheck?.test;
  return Array.isArray(test) ? test.join(" ") : test;
}

/** Networks a service joins (compose puts a service without `networks` on "default"). */
export function networksOf(service: ComposeService): string[] {
  if (service.network_mode !== undefined) return [];
  if (Array.isArray(service.networks)) return service.networks;
  return service.networks ? Object.keys(service.networks) : ["default"];
}
