import { describe, expect, it } from "vitest";
import { rememberGuestName, rememberedGuestName } from "./guest-name";

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
}

describe("the remembered guest name", () => {
  it("gives back the name last joined with", () => {
    const storage = memoryStorage();
    expect(rememberedGuestName(storage)).toBe("");
    rememberGuestName("Gina Guest", storage);
    expect(rememberedGuestName(storage)).toBe("Gina Guest");
  });

  it("ignores a stored value the name field would refuse, and storage that throws", () => {
    const storage = memoryStorage();
    storage.setItem("parley.guestName", "bad\u0000name");
    expect(rememberedGuestName(storage)).toBe("");
    storage.setItem("parley.guestName", "x".repeat(81));
    expect(rememberedGuestName(storage)).toBe("");
    const broken = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(rememberedGuestName(broken)).toBe("");
    expect(() => rememberGuestName("Gina", broken)).not.toThrow();
  });
});
