import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import base from "../base.js";

const workspace = fileURLToPath(new URL("../test/fixtures/workspace", import.meta.url));
const consumer = path.join(workspace, "packages/consumer/src");

/** Lint a fixture with the shared preset exactly as the packages use it; only our rule's findings. */
async function boundaryErrors(file) {
  const eslint = new ESLint({ cwd: workspace, overrideConfigFile: true, overrideConfig: base });
  const [result] = await eslint.lintFiles([path.join(consumer, file)]);
  return result.messages.filter((m) => m.ruleId === "parley/package-boundaries" || m.fatal).map((m) => m.message);
}

describe("parley/package-boundaries in the shared ESLint preset", () => {
  beforeAll(() => {
    expect(base.some((config) => config.rules?.["parley/package-boundaries"] === "error")).toBe(true);
  });

  it("allows relative imports inside the package and workspace packages through their exports", async () => {
    expect(await boundaryErrors("allowed.ts")).toEqual([]);
  });

  it("fails a relative import into another workspace package", async () => {
    const errors = await boundaryErrors("relative-into-package.ts");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("'../../lib/src/internal' leaves this package (packages/consumer) for packages/lib/src/internal");
  });

  it("fails a relative re-export out of the package into an app", async () => {
    const errors = await boundaryErrors("relative-into-app.ts");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("leaves this package (packages/consumer) for apps/site/src/env");
  });

  it("fails a deep import of a workspace package's internals instead of its exports", async () => {
    const errors = await boundaryErrors("deep-import.ts");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("reaches into @fixture/lib, which does not export './src/internal'");
    expect(errors[0]).toContain("., ./testing");
  });

  it("fails importing a workspace package that exports nothing (an app)", async () => {
    const errors = await boundaryErrors("app-import.ts");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("none: it is not a library");
  });
});
