import { describe, expect, it } from "vitest";
import { CALL_SHORTCUTS, ariaKeyShortcuts, shortcutFor, shortcutHint, type KeyPress } from "./call-shortcuts";

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  repeat: false,
  isComposing: false,
  ...extra,
});
const free = { typing: false, overlayOpen: false, characterKeys: true };

describe("shortcutFor", () => {
  it("maps m, v, h, c and ? to their actions", () => {
    expect(shortcutFor(press("m"), free)).toBe("toggleMicrophone");
    expect(shortcutFor(press("v"), free)).toBe("toggleCamera");
    expect(shortcutFor(press("h"), free)).toBe("toggleHand");
    expect(shortcutFor(press("c"), free)).toBe("toggleChat");
    expect(shortcutFor(press("?", { shiftKey: true }), free)).toBe("showShortcuts");
    expect(shortcutFor(press("?"), free)).toBe("showShortcuts");
  });

  it("leaves with Ctrl+Shift+L or ⌘+Shift+L, and with nothing less", () => {
    expect(shortcutFor(press("L", { ctrlKey: true, shiftKey: true }), free)).toBe("leave");
    expect(shortcutFor(press("L", { metaKey: true, shiftKey: true }), free)).toBe("leave");
    expect(shortcutFor(press("l"), free)).toBeNull();
    expect(shortcutFor(press("L", { shiftKey: true }), free)).toBeNull();
    expect(shortcutFor(press("l", { ctrlKey: true }), free)).toBeNull();
    expect(shortcutFor(press("L", { ctrlKey: true, shiftKey: true, altKey: true }), free)).toBeNull();
  });

  it("ignores letters with a modifier held (browser and screen-reader commands)", () => {
    for (const modifier of ["ctrlKey", "metaKey", "altKey", "shiftKey"] as const) {
      for (const key of ["m", "M", "v", "h", "c"]) expect(shortcutFor(press(key, { [modifier]: true }), free), `${modifier}+${key}`).toBeNull();
    }
    expect(shortcutFor(press("?", { ctrlKey: true, shiftKey: true }), free)).toBeNull();
  });

  it("ignores every key while typing or while a dialog or menu is open", () => {
    for (const context of [
      { typing: true, overlayOpen: false, characterKeys: true },
      { typing: false, overlayOpen: true, characterKeys: true },
    ]) {
      for (const p of [press("m"), press("v"), press("h"), press("c"), press("?", { shiftKey: true }), press("L", { ctrlKey: true, shiftKey: true })]) {
        expect(shortcutFor(p, context)).toBeNull();
      }
    }
  });

  it("keeps only the leave combination when single-key shortcuts are turned off", () => {
    const off = { ...free, characterKeys: false };
    for (const key of ["m", "v", "h", "c", "?"]) expect(shortcutFor(press(key), off), key).toBeNull();
    expect(shortcutFor(press("L", { ctrlKey: true, shiftKey: true }), off)).toBe("leave");
  });

  it("ignores held-down repeats, IME composition and other keys", () => {
    expect(shortcutFor(press("m", { repeat: true }), free)).toBeNull();
    expect(shortcutFor(press("m", { isComposing: true }), free)).toBeNull();
    for (const key of ["a", "Escape", "Enter", " ", "Tab", "F1", "Dead"]) expect(shortcutFor(press(key), free), key).toBeNull();
  });

  it("names each shortcut once, for the dialog, the tooltips and aria-keyshortcuts", () => {
    expect(new Set(CALL_SHORTCUTS.map((s) => s.action)).size).toBe(CALL_SHORTCUTS.length);
    expect(shortcutHint("toggleMicrophone")).toBe("M");
    expect(shortcutHint("leave")).toBe("Ctrl+Shift+L");
    expect(ariaKeyShortcuts("leave")).toBe("Control+Shift+L Meta+Shift+L");
  });
});
