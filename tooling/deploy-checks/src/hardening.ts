import { environmentOf, type ComposeDoc } from "./compose";
import { parseDockerfile } from "./dockerfile";

/**
 * Capabilities a service may add back after `cap_drop: [ALL]`, and why: anything else is a finding.
 * postgres: its entrypoint starts as root to own the data folder, then runs the server as the postgres user.
 */
export const ALLOWED_CAPABILITIES: Record<string, readonly string[]> = {
  postgres: ["CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID"],
  caddy: ["NET_BIND_SERVICE"],
};
/** Services whose root filesystem may stay writable: Caddy (untested offline; it writes where its image decides). */
export const WRITABLE_ROOT = ["caddy"] as const;

/** Every service runs without new privileges and capabilities, on a read-only root filesystem, except as listed above. */
export function hardeningProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  for (const [name, service] of Object.entries(doc.services)) {
    if (!(service.security_opt ?? []).includes("no-new-privileges:true")) problems.push(`${name} needs security_opt: ["no-new-privileges:true"]`);
    if (!(service.cap_drop ?? []).includes("ALL")) problems.push(`${name} needs cap_drop: [ALL]`);
    const extra = (service.cap_add ?? []).filter((cap) => !(ALLOWED_CAPABILITIES[name] ?? []).includes(cap));
    if (extra.length > 0) problems.push(`${name} adds capabilities it was not allowed: ${extra.join(", ")}`);
    if (service.read_only !== true && !(WRITABLE_ROOT as readonly string[]).includes(name)) problems.push(`${name} needs read_only: true`);
  }
  return problems;
}

/** Services that keep running must say whether they are healthy (one-shot migrate excepted; Caddy, untested offline, too). */
export function healthcheckProblems(doc: ComposeDoc): string[] {
  return Object.entries(doc.services)
    .filter(([name, service]) => service.restart !== "no" && name !== "caddy" && !service.healthcheck)
    .map(([name]) => `${name} needs a healthcheck (docker compose up --wait and depends_on rely on it)`);
}

/** Redis answers only with the password, and signaling's default URL carries it. */
export function redisPasswordProblems(doc: ComposeDoc): string[] {
  const problems: string[] = [];
  const redis = doc.services.redis;
  const command = [redis?.command ?? []].flat().join(" ");
  if (!/--requirepass \$\{REDIS_PASSWORD:\?/.test(command)) problems.push("redis must run with --requirepass ${REDIS_PASSWORD:?...}");
  const url = doc.services.signaling ? environmentOf(doc.services.signaling).get("REDIS_URL") : undefined;
  if (!url?.includes(":${REDIS_PASSWORD}@redis:")) problems.push("signaling's default REDIS_URL must carry ${REDIS_PASSWORD}");
  return problems;
}

/** A `# syntax=` directive makes BuildKit pull a frontend image from Docker Hub on every build. */
export function syntaxDirectiveProblems(file: string, text: string): string[] {
  return /^#\s*syntax\s*=/im.test(text) ? [`${file} has a "# syntax=" line (every build would pull a frontend image)`] : [];
}

/** The first stage (tools for building) must be the same in both app images, so its cached layers serve both. */
export function sharedBaseProblems(files: ReadonlyArray<{ file: string; text: string }>): string[] {
  const bases = files.map(({ file, text }) => {
    const { args, stages } = parseDockerfile(text);
    const base = stages[0];
    return { file, key: JSON.stringify({ args, from: base?.from, name: base?.name, instructions: base?.instructions }) };
  });
  const first = bases[0];
  return bases.filter((b) => b.key !== first?.key).map((b) => `${b.file}: its first stage differs from ${first?.file}'s (no shared base)`);
}
