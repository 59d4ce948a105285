import { describe, expect, it } from "vitest";
import { parseStartScript } from "./servers";

describe("parseStartScript", () => {
  it("splits environment, Node flags and entry", () => {
    expect(parseStartScript("node dist/main.js")).toEqual({ env: {}, nodeArgs: [], entry: "dist/main.js" });
    expect(parseStartScript("MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 dist/main.js")).toEqual({
      env: { MALLOC_ARENA_MAX: "2" },
      nodeArgs: ["--max-semi-space-size=4"],
      entry: "dist/main.js",
    });
  });

  it("refuses a script it cannot reproduce", () => {
    expect(() => parseStartScript("tsx src/main.ts")).toThrow(/unexpected start script/);
    expect(() => parseStartScript("node")).toThrow(/unexpected start script/);
  });
});
