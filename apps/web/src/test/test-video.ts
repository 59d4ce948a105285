import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * A small real MP4 (H.264 + AAC, `+faststart`, as the composer writes them): test pattern and a tone, made by
 * Debian's ffmpeg. Big enough (~100 KB for 3 s) that byte ranges in the middle mean something.
 */
export async function makeTestVideo(file: string, seconds = 3): Promise<void> {
  await run("ffmpeg", [
    "-hide_banner", "-loglevel", "error", "-y",
    "-f", "lavfi", "-i", `testsrc=size=320x180:rate=15:duration=${seconds}`,
    "-f", "lavfi", "-i", `sine=frequency=440:duration=${seconds}`,
    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart",
    file,
  ]);
}
