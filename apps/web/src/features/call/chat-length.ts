import { LIMITS } from "@parley/protocol";

/** How many characters before the limit the counter appears: early enough to edit, late enough not to distract. */
export const CHAT_COUNTER_FROM = 200;

export type ChatLength = {
  /** Characters as the server counts them (newlines unified, trimmed: protocol's multiLineTextSchema). */
  length: number;
  /** Characters left before the limit; negative when over it. */
  remaining: number;
  /** Show the counter. */
  nearLimit: boolean;
  /** Too long to send. */
  overLimit: boolean;
};

/** Where a draft stands against the chat limit, counted the way the server counts it (UTF-16 units, as zod does). */
export function chatLength(draft: string, max: number = LIMITS.chatBodyMaxLength): ChatLength {
  const length = draft.replace(/\r\n?/g, "\n").trim().length;
  const remaining = max - length;
  return { length, remaining, nearLimit: remaining <= CHAT_COUNTER_FROM, overLimit: remaining < 0 };
}
