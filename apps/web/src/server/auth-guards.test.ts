import { describe, expect, it } from "vitest";
import { storableName } from "./auth-guards";

describe("storableName (names that do not come from a form, e.g. an identity provider)", () => {
  it("keeps a valid name, trimmed", () => {
    expect(storableName("  Ada Lovelace ", "ada@example.org")).toBe("Ada Lovelace");
  });

  it("drops what the name rule refuses and cuts at 80 characters", () => {
    expect(storableName("Alice (Host)\u202E", "a@example.org")).toBe("Alice (Host)");
    expect(storableName("Ada\u0000\nLovelace", "a@example.org")).toBe("Ada Lovelace");
    expect(storableName("x".repeat(300), "a@example.org")).toBe("x".repeat(80));
  });

  it("falls back to the email's local part, then to a neutral name", () => {
    expect(storableName("\u200B\u0000", "grace@example.org")).toBe("grace");
    expect(storableName(undefined, undefined)).toBe("Parley user");
  });
});
