import { describe, expect, it } from "vitest";
import { parseByteRange } from "./byte-range";

describe("parseByteRange", () => {
  it("reads the forms players send", () => {
    expect(parseByteRange("bytes=0-", 1000)).toEqual({ start: 0, end: 999 });
    expect(parseByteRange("bytes=100-199", 1000)).toEqual({ start: 100, end: 199 });
    expect(parseByteRange("bytes=900-5000", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
    expect(parseByteRange("BYTES=5-5", 1000)).toEqual({ start: 5, end: 5 });
  });

  it("refuses ranges it cannot satisfy or read", () => {
    for (const header of ["bytes=1000-", "bytes=5-2", "bytes=-0", "bytes=-", "bytes=abc", "bytes=1-2-3", "bytes=99999999999999999-"]) {
      expect(parseByteRange(header, 1000), header).toBe("unsatisfiable");
    }
    expect(parseByteRange("bytes=0-", 0)).toBe("unsatisfiable");
  });

  it("ignores what it need not honour: no header, other units, several ranges", () => {
    expect(parseByteRange(null, 1000)).toBeNull();
    expect(parseByteRange("items=0-5", 1000)).toBeNull();
    expect(parseByteRange("bytes=0-1,5-6", 1000)).toBeNull();
  });
});
