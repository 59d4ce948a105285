import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

const ORIGIN = "https://meet.example.org";

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    expect(safeNext("/meetings/new?x=1#y", ORIGIN)).toBe("/meetings/new?x=1#y");
    expect(safeNext(null, ORIGIN)).toBe("/dashboard");
  });

  it.each(["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/", "javascript:alert(1)"])(
    "refuses %j",
    (next) => {
      expect(safeNext(next, ORIGIN)).toBe("/dashboard");
    },
  );
});
