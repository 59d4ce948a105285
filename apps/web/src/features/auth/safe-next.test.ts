import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next";

const ORIGIN = "https://meet.example.org";

describe("safeNext", () => {
  it("keeps paths on this site", () => {
    expect(safeNext("/meetings/new?x=1#y", ORIGIN)).toBe("/meetings/new?x=1#y");
    expect(safeNext("/m/abc-def", ORIGIN)).toBe("/m/abc-def");
    expect(safeNext("/a/../dashboard", ORIGIN)).toBe("/dashboard");
    expect(safeNext(null, ORIGIN)).toBe("/dashboard");
    expect(safeNext("", ORIGIN)).toBe("/dashboard");
  });

  it.each([
    "//evil.example",
    "//evil",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "https://evil.example/",
    "HTTPS://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    // Issue #14, finding 5: these normalise to a path that starts with "//", i.e. another host.
    "/.//evil.example/phish",
    "/./\\evil.example/phish",
    "/a/..//evil.example",
    "/%2e//evil.example/phish",
    "/%2E%2E//evil.example",
    "/.%2f/evil.example",
    "/.//%5cevil.example",
    "/..//evil.example",
  ])("refuses %j", (next) => {
    const result = safeNext(next, ORIGIN);
    expect(result).toBe("/dashboard");
  });

  it("never returns anything a browser would read as another host", () => {
    for (const next of ["/.//evil", "/%2e%2e%2f%2fevil", "/%5c%5cevil", "///evil", "/.///evil"]) {
      const result = safeNext(next, ORIGIN);
      expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
      expect(result).not.toMatch(/^[/\\]{2}/);
    }
  });
});
