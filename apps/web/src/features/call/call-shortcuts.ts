/** What a keyboard shortcut in the call does. */
export type CallShortcutAction = "toggleMicrophone" | "toggleCamera" | "toggleHand" | "toggleChat" | "leave" | "showShortcuts";

type CallShortcut = {
  action: CallShortcutAction;
  /** Keys as the shortcuts dialog shows them, one <kbd> each. */
  keys: readonly string[];
  /** The `aria-keyshortcuts` value (ARIA key names, alternatives separated by a space). */
  aria: string;
};

/**
 * The call's shortcuts, for the key handler, the dialog and the controls' tooltips alike. Single letters for what
 * people do often; leaving takes Ctrl (⌘ on a Mac) + Shift + L, so it does not happen by a stray key press.
 */
export const CALL_SHORTCUTS: readonly CallShortcut[] = [
  { action: "toggleMicrophone", keys: ["M"], aria: "M" },
  { action: "toggleCamera", keys: ["V"], aria: "V" },
  { action: "toggleHand", keys: ["H"], aria: "H" },
  { action: "toggleChat", keys: ["C"], aria: "C" },
  { action: "leave", keys: ["Ctrl", "Shift", "L"], aria: "Control+Shift+L Meta+Shift+L" },
  { action: "showShortcuts", keys: ["?"], aria: "Shift+?" },
];

const byAction = new Map(CALL_SHORTCUTS.map((s) => [s.action, s]));

/** How a control's tooltip names its shortcut, e.g. "M" or "Ctrl+Shift+L". */
export function shortcutHint(action: CallShortcutAction): string {
  return byAction.get(action)?.keys.join("+") ?? "";
}

/** The `aria-keyshortcuts` of a control. */
export function ariaKeyShortcuts(action: CallShortcutAction): string {
  return byAction.get(action)?.aria ?? "";
}

const SINGLE_KEYS: Readonly<Record<string, CallShortcutAction>> = { m: "toggleMicrophone", v: "toggleCamera", h: "toggleHand", c: "toggleChat" };

/** The parts of a keydown the decision needs (a KeyboardEvent has them all). */
export type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey" | "repeat" | "isComposing">;

/** Where the key was pressed. */
export type KeyContext = {
  /** Focus is in a text field, a select or editable content: the key is typing, not a command. */
  typing: boolean;
  /** A dialog or menu is open: it owns the keyboard (letters jump to menu items there). */
  overlayOpen: boolean;
  /**
   * Single-character shortcuts (m, v, h, c, ?) are on. People can turn them off (WCAG 2.1.4): speech input and
   * stray key presses would otherwise mute or leave by accident. Ctrl/⌘+Shift+L is no character key and stays.
   */
  characterKeys: boolean;
};

/**
 * Which shortcut a key press means, or null. Letters match by the character they type (an AZERTY "m" is "m"),
 * never with Ctrl/⌘/Alt/Shift held, so browser and screen-reader commands pass through; "?" needs Shift on most
 * layouts and is matched by its character. Held-down repeats and IME composition are ignored.
 */
export function shortcutFor(press: KeyPress, context: KeyContext): CallShortcutAction | null {
  if (context.typing || context.overlayOpen || press.repeat || press.isComposing) return null;
  const key = press.key.toLowerCase();
  const command = press.ctrlKey || press.metaKey;
  if (command && press.shiftKey && !press.altKey && key === "l") return "leave";
  if (command || press.altKey || !context.characterKeys) return null;
  if (press.key === "?") return "showShortcuts";
  if (press.shiftKey) return null;
  return SINGLE_KEYS[key] ?? null;
}

const TEXT_INPUT_TYPES_THAT_DO_NOT_TYPE = new Set(["button", "checkbox", "radio", "range", "color", "file", "image", "reset", "submit"]);

/** Whether a key pressed on this element types into it. */
export function isTypingTarget(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLInputElement) return !TEXT_INPUT_TYPES_THAT_DO_NOT_TYPE.has(element.type);
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) return true;
  return element instanceof HTMLElement && element.isContentEditable;
}

const OVERLAY = '[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]';

/**
 * Whether a dialog or menu is open on the page, or the key came from inside one. Radix unmounts closed dialogs and
 * menus, so one in the document is an open one.
 */
export function isOverlayOpen(target: Element | null, document: Document): boolean {
  return !!target?.closest(OVERLAY) || !!document.querySelector(OVERLAY);
}
