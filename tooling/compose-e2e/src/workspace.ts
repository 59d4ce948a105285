import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runOk, shq, type Shell } from "./shell";

/** The repository under test (this package lives in tooling/compose-e2e). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * The release a running installation is upgraded from: the main branch just before the compose end-to-end test
 * came (5850ee2, the last commit whose images were built here without this test). Bump it when a release is cut.
 * COMPOSE_E2E_FROM picks another commit.
 */
export const PREVIOUS_RELEASE = process.env.COMPOSE_E2E_FROM ?? "5850ee213898edfd8f466a0682aa98b34d32e4ab";

const GIT = "git -c user.name=compose-e2e -c user.email=compose-e2e@example.org -c init.defaultBranch=main";

/**
 * A git repository standing in for the project's public one: first holding the previous release, later the tree
 * under test, so that the README's `git clone` and `git pull` run for real.
 */
export async function createOrigin(shell: Shell, origin: string): Promise<void> {
  await runOk(shell, `${GIT} -C ${shq(REPO_ROOT)} cat-file -e ${shq(`${PREVIOUS_RELEASE}^{commit}`)}`, { cwd: REPO_ROOT }).catch(() => {
    throw new Error(`the previous release ${PREVIOUS_RELEASE} is not in this clone (a shallow clone? fetch it, or set COMPOSE_E2E_FROM)`);
  });
  await runOk(shell, `rm -rf ${shq(origin)} && mkdir -p ${shq(origin)} && ${GIT} -C ${shq(origin)} init -q`, { cwd: REPO_ROOT });
  await runOk(shell, `${GIT} -C ${shq(REPO_ROOT)} archive ${shq(PREVIOUS_RELEASE)} | tar -x -C ${shq(origin)}`, { cwd: REPO_ROOT });
  // NOTE: the previous release's Dockerfiles begin with `# syntax=docker/dockerfile:1.7`, which makes BuildKit pull a
  // frontend image from Docker Hub: unreachable here. Dropping that line is the only change made to that release.
  await runOk(shell, `sed -i '/^# syntax=/d' ${shq(origin)}/apps/*/Dockerfile`, { cwd: REPO_ROOT });
  await runOk(shell, `${GIT} -C ${shq(origin)} add -A && ${GIT} -C ${shq(origin)} commit -qm 'previous release'`, { cwd: REPO_ROOT });
}

/** Puts the tree under test (tracked and untracked-but-not-ignored files of this checkout) into origin as a new commit. */
export async function commitTreeUnderTest(shell: Shell, origin: string): Promise<void> {
  const listed = (await runOk(shell, `${GIT} -C ${shq(REPO_ROOT)} ls-files --cached --others --exclude-standard`, { cwd: REPO_ROOT })).split("\n");
  const files = listed.filter((file) => file !== "" && existsSync(join(REPO_ROOT, file)));
  const list = join(origin, "..", "tree-under-test.txt");
  writeFileSync(list, files.join("\n"));
  await runOk(shell, `${GIT} -C ${shq(origin)} rm -rq . && tar -c -C ${shq(REPO_ROOT)} -T ${shq(list)} | tar -x -C ${shq(origin)}`, { cwd: REPO_ROOT });
  await runOk(shell, `${GIT} -C ${shq(origin)} add -A && ${GIT} -C ${shq(origin)} commit -qm 'tree under test'`, { cwd: REPO_ROOT });
}

/** Sets KEY=value in a .env file (the lines a self-hoster edits by hand), replacing any line for KEY. */
export function setEnv(file: string, values: Record<string, string>): void {
  let lines = readFileSync(file, "utf8").split("\n");
  for (const [key, value] of Object.entries(values)) {
    lines = lines.filter((line) => !line.startsWith(`${key}=`));
    lines.splice(lines.length - (lines.at(-1) === "" ? 1 : 0), 0, `${key}=${value}`);
  }
  writeFileSync(file, lines.join("\n"));
}

/** Drops from .env every variable that `envExample` does not mention: the .env an older release's instructions made. */
export function limitEnvTo(file: string, envExample: string): string[] {
  const known = new Set([...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
  const dropped: string[] = [];
  const kept = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => {
      const key = /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
      if (key && !known.has(key)) dropped.push(key);
      return !key || known.has(key);
    });
  writeFileSync(file, kept.join("\n"));
  return dropped;
}
