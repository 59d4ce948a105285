import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A looping Y4M clip of random noise for Chromium's `--use-file-for-fake-video-capture`. Chrome's default fake camera
 * compresses to ~200 kbit/s whatever the cap (one small packet per frame); noise makes the encoder fill its cap with
 * full-size packets, as a real camera does, so forwarded Mbps mean what they would in production.
 */
export async function writeNoiseClip(dir: string, capture: { width: number; height: number; frameRate: number }, frames = 30): Promise<string> {
  const path = join(dir, `noise-${capture.width}x${capture.height}.y4m`);
  const frameBytes = (capture.width * capture.height * 3) / 2;
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${capture.width} H${capture.height} F${capture.frameRate}:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from("FRAME\n"), randomBytes(frameBytes));
  await writeFile(path, Buffer.concat(parts));
  return path;
}
