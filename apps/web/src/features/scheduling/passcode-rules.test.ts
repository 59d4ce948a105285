import { describe, expect, it } from "vitest";
import { generatePasscode, PASSCODE_PATTERN } from "./passcode-rules";

describe("passcode rules", () => {
  it("refuses passcodes shorter than six characters", () => {
    expect(PASSCODE_PATTERN.test("12345")).toBe(false);
    expect(PASSCODE_PATTERN.test("123456")).toBe(true);
    expect(PASSCODE_PATTERN.test("a".repeat(33))).toBe(false);
  });

  it("generates valid, unambiguous, different passcodes", () => {
    const generated = Array.from({ length: 200 }, () => generatePasscode());
    for (const passcode of generated) {
      expect(passcode).toMatch(PASSCODE_PATTERN);
      expect(passcode).toHaveLength(10);
      expect(passcode).not.toMatch(/[01OlI]/);
    }
    expect(new Set(generated).size).toBe(200);
  });

  it("skips random bytes that would bias the alphabet", () => {
    // 255 is above the largest multiple of 56 below 256 and must be skipped, never mapped.
    let calls = 0;
    const passcode = generatePasscode((bytes) => bytes.fill(calls++ === 0 ? 255 : 0));
    expect(passcode).toBe("aaaaaaaaaa");
  });
});
