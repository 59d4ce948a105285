import { describe, expect, it } from "vitest";
import { composeSchemaErrors, loadCompose } from "./compose";
import { composeText } from "./fixtures";

describe("docker-compose.yml against the Compose Specification schema", () => {
  it("is valid Compose", () => {
    expect(composeSchemaErrors(loadCompose(composeText).raw)).toEqual([]);
  });

  it("rejects an unknown depends_on condition (the schema is really applied)", () => {
    const broken = composeText.replace("condition: service_completed_successfully", "condition: service_finished");
    expect(composeSchemaErrors(loadCompose(broken).raw).length).toBeGreaterThan(0);
  });

  it("rejects a misspelled service key", () => {
    const broken = composeText.replace("    healthcheck:\n", "    healthchek:\n");
    expect(composeSchemaErrors(loadCompose(broken).raw).length).toBeGreaterThan(0);
  });
});
