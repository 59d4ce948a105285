import { describe, expect, it } from "vitest";
import { levelFromSamples, meterPercent, nextMeterLevel } from "./audio-level";

const tone = (amplitude: number, length = 1024) => Float32Array.from({ length }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 48_000));

describe("levelFromSamples", () => {
  it("is 0 for silence and for no samples", () => {
    expect(levelFromSamples(new Float32Array(512))).toBe(0);
    expect(levelFromSamples([])).toBe(0);
  });

  it("grows with loudness on a decibel scale", () => {
    const full = levelFromSamples(tone(1)); // RMS -3 dBFS
    const quiet = levelFromSamples(tone(0.01)); // RMS -43 dBFS
    expect(full).toBeCloseTo(57 / 60, 2);
    expect(quiet).toBeCloseTo(17 / 60, 2);
  });

  it("reads a hum below the floor as silence and clips at full scale", () => {
    expect(levelFromSamples(tone(0.0005))).toBe(0);
    expect(levelFromSamples(new Float32Array(64).fill(2))).toBe(1);
  });
});

describe("nextMeterLevel", () => {
  it("jumps up to a louder reading", () => {
    expect(nextMeterLevel(0.2, 0.9)).toBe(0.9);
  });

  it("falls back gradually, then rests at 0", () => {
    let shown = 1;
    const seen: number[] = [];
    for (let i = 0; i < 30; i++) seen.push((shown = nextMeterLevel(shown, 0)));
    expect(seen[0]).toBeCloseTo(0.8);
    expect(seen[1]).toBeCloseTo(0.64);
    expect(seen.at(-1)).toBe(0);
  });
});

describe("meterPercent", () => {
  it("rounds to whole percent within 0..100", () => {
    expect(meterPercent(0.456)).toBe(46);
    expect(meterPercent(1.2)).toBe(100);
    expect(meterPercent(-1)).toBe(0);
  });
});
