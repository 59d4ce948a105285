/** One block of ffmpeg's `-progress` output (key=value lines, each block ending with `progress=continue|end`). */
export type FfmpegProgress = { outTimeMs: number; speed: number | null; done: boolean };

/**
 * Parses `-progress pipe:1` output as it streams in (chunks may split lines) and reports each finished block.
 * Blocks without a usable out_time (ffmpeg prints N/A before the first frame) are skipped.
 */
export function ffmpegProgressParser(onProgress: (progress: FfmpegProgress) => void): (chunk: string) => void {
  let pending = "";
  let block = new Map<string, string>();
  return (chunk) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const raw of lines) {
      const line = raw.trim();
      const eq = line.indexOf("=");
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1).trim();
      block.set(key, value);
      if (key !== "progress") continue;
      const outTimeUs = Number(block.get("out_time_us") ?? block.get("out_time_ms"));
      const speed = Number.parseFloat(block.get("speed") ?? "");
      block = new Map();
      if (!Number.isFinite(outTimeUs) || outTimeUs < 0) continue;
      onProgress({ outTimeMs: Math.floor(outTimeUs / 1000), speed: Number.isFinite(speed) ? speed : null, done: value === "end" });
    }
  };
}
