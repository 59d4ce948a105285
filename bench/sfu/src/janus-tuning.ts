import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/** Janus settings the bench can vary; every default is what deploy/janus/templates renders today. */
export const janusTuningSchema = z.object({
  /** Janus `debug_level` (0-7). The harness and the deploy default is 4. */
  debugLevel: z.number().int().min(0).max(7).default(4),
  /** Janus `event_loops`: 0 keeps Janus' default (one loop thread per handle). */
  eventLoops: z.number().int().min(0).max(64).default(0),
  /** Janus `nack_optimizations` (media section). */
  nackOptimizations: z.boolean().default(false),
  /** Janus `min_nack_queue` in ms (media section); undefined keeps Janus' default (200). */
  minNackQueueMs: z.number().int().min(0).max(5_000).optional(),
});
export type JanusTuning = z.infer<typeof janusTuningSchema>;

/** Lines to add to the rendered janus.jcfg, by section; empty when the tuning is the rendered default. */
export function tuningLines(tuning: JanusTuning): { general: string[]; media: string[] } {
  const general = tuning.eventLoops > 0 ? [`event_loops = ${tuning.eventLoops}`] : [];
  const media: string[] = [];
  if (tuning.nackOptimizations) media.push("nack_optimizations = true");
  if (tuning.minNackQueueMs !== undefined) media.push(`min_nack_queue = ${tuning.minNackQueueMs}`);
  return { general, media };
}

/**
 * Add the tuning to a rendered janus.jcfg in `configDir` (the templates expose no such knobs; the bench must not
 * edit deploy/). Returns true when the file changed, i.e. Janus must be restarted to pick it up.
 */
export async function applyTuning(configDir: string, tuning: JanusTuning): Promise<boolean> {
  const { general, media } = tuningLines(tuning);
  if (general.length === 0 && media.length === 0) return false;
  const path = join(configDir, "janus.jcfg");
  let text = await readFile(path, "utf8");
  const insert = (section: string, lines: string[]) => {
    if (lines.length === 0) return;
    const marker = `${section}: {\n`;
    if (!text.includes(marker)) throw new Error(`rendered janus.jcfg has no "${section}" section`);
    text = text.replace(marker, `${marker}${lines.map((line) => `\t${line}\n`).join("")}`);
  };
  insert("general", general);
  insert("media", media);
  await writeFile(path, text);
  return true;
}

/** One line describing the tuning, for reports. */
export function describeTuning(tuning: JanusTuning): string {
  const { general, media } = tuningLines(tuning);
  return [`debug_level = ${tuning.debugLevel}`, ...general, ...media].join(", ");
}
