import { runOk, shq, type Shell } from "./shell";

export type ServiceState = { Service: string; Name: string; State: string; Health: string; ExitCode: number };

/** Every container of the project, running or exited (`docker compose ps -a`). */
export async function serviceStates(shell: Shell): Promise<ServiceState[]> {
  const output = await runOk(shell, "docker compose ps -a --format json");
  // Compose 2.2x prints one JSON object per line; older ones an array.
  const trimmed = output.trim();
  if (trimmed.startsWith("[")) return JSON.parse(trimmed) as ServiceState[];
  return trimmed.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as ServiceState);
}

/**
 * What is wrong with the running stack: a service not healthy, migrate not exited 0. `withoutHealthcheck`: services
 * that only need to run (the previous release's coturn had no healthcheck yet).
 */
export async function stackProblems(shell: Shell, services: readonly string[], withoutHealthcheck: readonly string[] = []): Promise<string[]> {
  const states = await serviceStates(shell);
  const problems: string[] = [];
  for (const name of services) {
    const state = states.find((s) => s.Service === name);
    if (!state) problems.push(`${name}: no container`);
    else if (name === "migrate") {
      if (state.State !== "exited" || state.ExitCode !== 0) problems.push(`migrate: ${state.State}, exit code ${state.ExitCode}`);
    } else if (withoutHealthcheck.includes(name) && state.State === "running" && state.Health === "") continue;
    else if (state.State !== "running" || state.Health !== "healthy") problems.push(`${name}: ${state.State} ${state.Health || "(no healthcheck)"}`);
  }
  return problems;
}

export type ContainerInfo = {
  Id: string;
  Image: string;
  State: { StartedAt: string; ExitCode: number };
  Config: { User: string; Image: string };
  HostConfig: { ReadonlyRootfs: boolean; CapDrop: string[] | null; CapAdd: string[] | null; SecurityOpt: string[] | null };
};

export async function inspectService(shell: Shell, service: string): Promise<ContainerInfo> {
  const id = (await runOk(shell, `docker compose ps -a -q ${shq(service)}`)).trim().split("\n")[0];
  if (!id) throw new Error(`${service}: no container`);
  const [info] = JSON.parse(await runOk(shell, `docker inspect ${shq(id)}`)) as ContainerInfo[];
  if (!info) throw new Error(`${service}: docker inspect said nothing`);
  return info;
}

export async function imageId(shell: Shell, image: string): Promise<string> {
  return (await runOk(shell, `docker image inspect --format '{{.Id}}' ${shq(image)}`)).trim();
}

export async function imageSizeMb(shell: Shell, image: string): Promise<number> {
  return Math.round(Number((await runOk(shell, `docker image inspect --format '{{.Size}}' ${shq(image)}`)).trim()) / 1e6);
}

/** One SQL query through psql inside the postgres container; rows as lines, columns separated by |. */
export async function sql(shell: Shell, query: string): Promise<string[]> {
  const output = await runOk(shell, `docker compose exec -T postgres psql -U parley -d parley -tAc ${shq(query)}`);
  return output.split("\n").filter((line) => line !== "");
}

/** For a failed start: each unhealthy or failed service's last health probes and log lines. */
export async function diagnose(shell: Shell): Promise<string> {
  const states = await serviceStates(shell).catch(() => [] as ServiceState[]);
  const bad = states.filter((s) => (s.Service === "migrate" ? s.ExitCode !== 0 : s.State !== "running" || (s.Health !== "" && s.Health !== "healthy")));
  const parts: string[] = [];
  for (const state of bad) {
    const health = await runOk(shell, `docker inspect --format '{{json .State.Health}}' ${shq(state.Name)}`).catch(() => "");
    const logs = await runOk(shell, `docker compose logs --no-color --tail=25 ${shq(state.Service)}`).catch(() => "");
    parts.push(`--- ${state.Service}: ${state.State} ${state.Health} (exit ${state.ExitCode})\nhealth: ${health.trim().slice(-1500)}\n${logs.trim()}`);
  }
  return parts.join("\n");
}
