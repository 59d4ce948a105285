import { spawn } from "node:child_process";
import { RecordingError, looksLikeDiskFull } from "./errors";

export type ProcessResult = { code: number | null; signal: NodeJS.Signals | null; stderrTail: string };

const STDERR_TAIL_CHARS = 8_000;

/**
 * Runs a tool (no shell: arguments are never parsed) and resolves when it exits, keeping the end of its stderr for
 * error reports. `onStdout` sees its output as it comes (ffmpeg's -progress). Aborting the signal kills it.
 */
export function runProcess(
  command: string,
  args: string[],
  opts: { signal?: AbortSignal; onStdout?: (chunk: string) => void } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], signal: opts.signal, killSignal: "SIGKILL" });
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => opts.onStdout?.(chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
    });
    child.once("error", (error: NodeJS.ErrnoException) => {
      if (error.name === "AbortError") reject(new RecordingError("aborted", "Processing was cancelled.", undefined, { cause: error }));
      else if (error.code === "ENOENT") reject(new RecordingError("tool_missing", `${command} is not installed.`, undefined, { cause: error }));
      else if (looksLikeDiskFull(undefined, error.code)) reject(RecordingError.diskFull(command));
      else reject(error);
    });
    child.once("close", (code, signal) => resolve({ code, signal, stderrTail: stderr }));
  });
}
