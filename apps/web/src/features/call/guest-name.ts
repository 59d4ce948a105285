/**
 * The name a guest (not signed in) last joined with, remembered in this browser so the next meeting's pre-join is
 * filled in, as Meet and Jitsi do. Storage may be unavailable (private mode, blocked): then nothing is remembered.
 */
const KEY = "parley.guestName";
const MAX = 80;

export function rememberedGuestName(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): string {
  try {
    const value = storage?.getItem(KEY) ?? "";
    // Only what the name field itself would accept back: trimmed, bounded, no control characters.
    return value.length <= MAX && !/\p{Cc}/u.test(value) ? value.trim() : "";
  } catch {
    return "";
  }
}

export function rememberGuestName(name: string, storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, name.slice(0, MAX));
  } catch {
    // Storage full or blocked: the name is simply not remembered.
  }
}
