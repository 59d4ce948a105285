import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this package lives in tooling/deploy-checks). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export function readRepoFile(path: string): string {
  return readFileSync(join(REPO_ROOT, path), "utf8");
}

export function repoFileExists(path: string): boolean {
  return existsSync(join(REPO_ROOT, path));
}

/** Every file under `dir` (relative to the repo) whose name passes `keep`. */
/** Installed and generated trees: not the repository's own files (and walking node_modules took 20+ s). */
const NOT_SOURCE = new Set(["node_modules", ".next", "dist", ".turbo", "test-results", ".data"]);

export function listRepoFiles(dir: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const name of readdirSync(join(REPO_ROOT, relative))) {
      if (NOT_SOURCE.has(name)) continue;
      const child = join(relative, name);
      if (statSync(join(REPO_ROOT, child)).isDirectory()) walk(child);
      else if (keep(name)) out.push(child);
    }
  };
  walk(dir);
  return out;
}
