import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";

export type Shell = {
  /** Where commands run (the clone, as a self-hoster's shell would be). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Every command and its whole output go here; a failure also prints the end of it. */
  logFile: string;
};

export type RunResult = { code: number; output: string };

/** Runs `script` with bash (-euo pipefail, like a careful operator pasting a block), output logged. */
export function run(shell: Shell, script: string, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  appendFileSync(shell.logFile, `\n$ ${script.replace(/\n/g, "\n> ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-euo", "pipefail", "-c", script], { cwd: opts.cwd ?? shell.cwd, env: shell.env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      appendFileSync(shell.logFile, chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => child.kill("SIGTERM"), opts.timeoutMs ?? 15 * 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString("utf8") });
    });
  });
}

/** Runs `script` and returns its output; throws with the end of the output when it fails. */
export async function runOk(shell: Shell, script: string, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<string> {
  const result = await run(shell, script, opts);
  if (result.code !== 0) {
    const tail = result.output.trimEnd().split("\n").slice(-40).join("\n");
    throw new Error(`exit ${result.code}: ${script.split("\n")[0]}\n${tail}`);
  }
  return result.output;
}

/** Quotes a value for bash. */
export function shq(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}
