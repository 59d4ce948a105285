import { posix } from "node:path";
import { dependenciesOf, environmentOf, networksOf, type ComposeDoc, type ComposeService } from "./compose";
import { variableNames, withDefaults } from "./interpolation";

/** The image every Janus node is built from. */
export const JANUS_DOCKERFILE = "deploy/janus/Dockerfile";
/** Secrets janus and signaling must share (signaling authenticates to Janus with them). */
export const JANUS_SECRETS = ["JANUS_API_SECRET", "JANUS_ADMIN_SECRET", "JANUS_ROOM_ADMIN_KEY"] as const;
// The image's ENV defaults (deploy/janus/Dockerfile), used when the service does not set the port itself.
const IMAGE_PORTS = { JANUS_WS_PORT: "8188", JANUS_ADMIN_WS_PORT: "7188" } as const;

/** True for a service built from deploy/janus/Dockerfile. */
export function isJanusService(service: ComposeService): boolean {
  const build = typeof service.build === "string" ? { context: service.build, dockerfile: undefined } : service.build;
  if (!build) return false;
  return posix.normalize(posix.join(build.context, build.dockerfile ?? "Dockerfile")) === JANUS_DOCKERFILE;
}

/** Everything wrong with the Janus services and signaling's view of them; empty when right. */
export function janusProblems(doc: ComposeDoc): string[] {
  const janus = Object.entries(doc.services).filter(([, service]) => isJanusService(service));
  const signaling = doc.services.signaling;
  return [
    ...janus.flatMap(([name, service]) => [
      ...rtpProblems(name, service),
      ...iceLiteProblems(name, service),
      ...(signaling ? secretProblems(name, service, signaling) : []),
    ]),
    ...(signaling ? sfuNodeProblems(doc, signaling) : []),
  ];
}

const variableOf = (value: string | undefined) => /^\$\{([A-Za-z_][A-Za-z0-9_]*)/.exec(value ?? "")?.[1];

function secretProblems(name: string, janus: ComposeService, signaling: ComposeService): string[] {
  const janusEnv = environmentOf(janus);
  const signalingEnv = environmentOf(signaling);
  return JANUS_SECRETS.filter((secret) => {
    const source = variableOf(janusEnv.get(secret));
    return source === undefined || source !== variableOf(signalingEnv.get(secret));
  }).map((secret) => `${name} and signaling must take ${secret} from the same variable`);
}

/**
 * Behind Docker's port publishing Janus must only answer checks: its own would leave from the container address, and
 * a browser that can reach that address (on the Docker host, or a container network) sends media around the
 * published ports (tooling/compose-e2e saw exactly that).
 */
function iceLiteProblems(name: string, service: ComposeService): string[] {
  return withDefaults(environmentOf(service).get("JANUS_ICE_LITE") ?? "") === "true" ? [] : [`${name} must set JANUS_ICE_LITE to "true"`];
}

type Published = { host: string; container: string; protocol: string };

/** Short (`[ip:]host:container[/proto]`) or long syntax, as written (variables not resolved). */
function publishedPorts(service: ComposeService): Published[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === "number") return { host: "", container: String(port), protocol: "tcp" };
    if (typeof port === "object") {
      const published = (port as { published?: unknown }).published;
      const protocol = (port as { protocol?: unknown }).protocol;
      return { host: published === undefined ? "" : String(published), container: String(port.target), protocol: String(protocol ?? "tcp") };
    }
    const [mapping = "", protocol = "tcp"] = port.split("/");
    // Split on the colons outside `${...}` (a `${VAR:-a-b}` has one of its own).
    const parts = mapping.split(/:(?![^{]*\})/);
    return { host: parts.length > 1 ? (parts.at(-2) ?? "") : "", container: parts.at(-1) ?? "", protocol };
  });
}

function rtpProblems(name: string, service: ComposeService): string[] {
  const configured = environmentOf(service).get("JANUS_RTP_PORT_RANGE");
  if (configured === undefined) return [`${name} must set JANUS_RTP_PORT_RANGE explicitly (its published ports depend on it)`];
  const ports = publishedPorts(service);
  const problems = ports
    .filter((port) => port.protocol !== "udp")
    .map((port) => `${name} must not publish ${port.container}/${port.protocol}: only its UDP media ports are public`);
  const udp = ports.filter((port) => port.protocol === "udp");
  if (udp.length === 0) return [...problems, `${name} must publish its RTP port range (JANUS_RTP_PORT_RANGE) over UDP`];
  const range = withDefaults(configured);
  for (const port of udp) {
    const container = withDefaults(port.container);
    if (container !== range) {
      problems.push(`${name} publishes UDP ${container ?? port.container} but JANUS_RTP_PORT_RANGE is ${range ?? configured}`);
    }
    // Janus announces its own port numbers (with the public address): the host must forward the very same ones.
    if (withDefaults(port.host) !== container) problems.push(`${name} must publish its RTP ports on the same host port numbers`);
    const names = (text: string) => variableNames(text).join(",");
    if (names(port.host) !== names(configured) || names(port.container) !== names(configured)) {
      problems.push(`${name}'s published RTP range and JANUS_RTP_PORT_RANGE must come from the same variable`);
    }
  }
  return problems;
}

/** Entries of SFU_NODES as compose passes it when unset (`<id>=<api-ws-url>|<admin-ws-url>`). */
function sfuNodeProblems(doc: ComposeDoc, signaling: ComposeService): string[] {
  const raw = environmentOf(signaling).get("SFU_NODES");
  if (raw === undefined) return [];
  const value = withDefaults(raw);
  if (value === undefined) return ["signaling's SFU_NODES must have a literal default (the nodes compose starts)"];
  const problems: string[] = [];
  const entries = value.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  for (const entry of entries) {
    const match = /^([^=|]+)=([^|]+)\|([^|]+)$/.exec(entry);
    if (!match) {
      problems.push(`SFU_NODES entry "${entry}" must look like <id>=<api-ws-url>|<admin-ws-url>`);
      continue;
    }
    const [, id, apiUrl, adminUrl] = match as unknown as [string, string, string, string];
    for (const [url, portVariable] of [
      [apiUrl, "JANUS_WS_PORT"],
      [adminUrl, "JANUS_ADMIN_WS_PORT"],
    ] as const) {
      problems.push(...nodeUrlProblems(doc, signaling, id, url, portVariable));
    }
  }
  return [...new Set(problems)];
}

function nodeUrlProblems(
  doc: ComposeDoc,
  signaling: ComposeService,
  id: string,
  url: string,
  portVariable: keyof typeof IMAGE_PORTS,
): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [`SFU_NODES: ${id} has an invalid URL "${url}"`];
  }
  if (parsed.protocol !== "ws:" && parsed.protocol !== "wss:") return [`SFU_NODES: ${id} must use ws:// or wss:// (got "${url}")`];
  const host = parsed.hostname;
  const target = doc.services[host];
  if (!target) return [`SFU_NODES: ${id} points at "${host}", which is not a service in docker-compose.yml`];
  if (!isJanusService(target)) return [`SFU_NODES: ${id} points at "${host}", which is not built from ${JANUS_DOCKERFILE}`];
  const problems: string[] = [];
  const listening = withDefaults(environmentOf(target).get(portVariable) ?? IMAGE_PORTS[portVariable]);
  const port = parsed.port || (parsed.protocol === "wss:" ? "443" : "80");
  if (port !== listening) problems.push(`SFU_NODES: ${id} uses ${host}:${port}, but ${host} has ${portVariable}=${listening ?? "?"}`);
  if (dependenciesOf(signaling).get(host) !== "service_healthy") {
    problems.push(`signaling must wait for ${host} to be healthy (it is in SFU_NODES)`);
  }
  const shared = networksOf(signaling).filter((network) => networksOf(target).includes(network));
  if (shared.length === 0) problems.push(`signaling and ${host} share no network, so SFU_NODES cannot reach it`);
  return problems;
}
