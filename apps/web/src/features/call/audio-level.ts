/** Quieter than this reads as silence on the meter (a quiet room sits around -60 dBFS). */
const FLOOR_DB = -60;
/** How much of the shown level is kept per reading, so a syllable's peak stays visible long enough to be seen. */
export const METER_DECAY = 0.8;

/** Loudness of one block of samples (-1..1) on a 0..1 scale: RMS in dBFS, FLOOR_DB and below being 0. */
export function levelFromSamples(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

/** The meter's next position: jumps up to a louder reading, falls back gradually; tiny rests snap to 0. */
export function nextMeterLevel(shown: number, reading: number, decay = METER_DECAY): number {
  const next = Math.max(reading, shown * decay);
  return next < 0.01 ? 0 : next;
}

/** A 0..1 level as the meter's whole-number percentage. */
export function meterPercent(level: number): number {
  return Math.round(Math.min(1, Math.max(0, level)) * 100);
}
