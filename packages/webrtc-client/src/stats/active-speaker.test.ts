import { describe, expect, it } from "vitest";
import { ActiveSpeakerDetector } from "./active-speaker";

const levels = (o: Record<string, number>) => new Map(Object.entries(o));

describe("ActiveSpeakerDetector", () => {
  it("picks the loudest speaker above the threshold", () => {
    const d = new ActiveSpeakerDetector();
    expect(d.update(levels({ a: 0.001, b: 0.001 }), 0)).toBeNull();
    expect(d.update(levels({ a: 0.2, b: 0.01 }), 1000)).toBe("a");
  });

  it("does not flip to someone only slightly louder (hysteresis)", () => {
    const d = new ActiveSpeakerDetector({ smoothing: 1 });
    d.update(levels({ a: 0.2, b: 0.1 }), 0);
    expect(d.update(levels({ a: 0.2, b: 0.25 }), 1000)).toBe("a");
    expect(d.update(levels({ a: 0.2, b: 0.4 }), 2000)).toBe("b");
  });

  it("clears after sustained silence and when the speaker leaves", () => {
    const d = new ActiveSpeakerDetector({ smoothing: 1, silenceMs: 1500 });
    d.update(levels({ a: 0.3 }), 0);
    expect(d.update(levels({ a: 0 }), 1000)).toBe("a");
    expect(d.update(levels({ a: 0 }), 2000)).toBeNull();
    d.update(levels({ a: 0.3, b: 0 }), 3000);
    expect(d.update(levels({ b: 0 }), 3500)).toBeNull();
  });
});
