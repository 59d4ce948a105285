import { z } from "zod";
import { LIMITS } from "./limits";

/**
 * The one set of text rules for everything people type that others see or that is stored: display names, chat,
 * meeting titles. Both apps import these schemas; nothing redeclares them.
 *
 * Why refuse rather than strip: a refused value changes nothing and the sender is told why; a silently edited one
 * would make "what you typed" and "what others see" differ.
 */

/**
 * C0 controls except tab and line feed, DEL, and C1 controls. NUL in particular: Postgres refuses it in text
 * (error 22021), which turned one chat message or one name into an `internal` error for the whole meeting.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_EXCEPT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;

/**
 * Characters that have no place in a name: every control character (including tab and newlines), line and
 * paragraph separators, lone surrogates (not text at all) and invisible format characters (Unicode category Cf:
 * bidi overrides and isolates such as U+202E that make "Alice (Host)\u202E" render reversed, zero-width spaces,
 * joiners outside a word, BOM, soft hyphen). Zero-width joiner and non-joiner are allowed between two visible
 * characters: emoji sequences (👩‍💻) and Persian or Indic spellings need them.
 */
const NAME_FORBIDDEN = /[\p{Cc}\p{Cs}\u2028\u2029]/u;
const FORMAT_CHARACTER = /\p{Cf}/gu;
const JOINER = /[\u200C\u200D]/u;
const VISIBLE = /[^\p{Cf}\p{Cc}\p{Z}]/u;

/** Whether a display name contains nothing invisible or control-like (see NAME_FORBIDDEN). */
export function isCleanName(value: string): boolean {
  if (NAME_FORBIDDEN.test(value)) return false;
  for (const match of value.matchAll(FORMAT_CHARACTER)) {
    const at = match.index;
    const before = value.slice(0, at).at(-1);
    // NOTE: `at(-1)` and `[at + 1]` are UTF-16 units; an astral neighbour (emoji) shows up as a surrogate half,
    // which VISIBLE accepts, so "👩\u200D💻" passes as it should.
    const after = value[at + 1];
    const joinsTwoVisible = JOINER.test(match[0]) && before !== undefined && after !== undefined && VISIBLE.test(before) && VISIBLE.test(after);
    if (!joinsTwoVisible) return false;
  }
  return true;
}

/** Whether a multi-line text (chat message, description) has no control characters besides tab and newline. */
export function isCleanText(value: string): boolean {
  return !CONTROL_EXCEPT_TAB_AND_NEWLINE.test(value) && !/\p{Cs}/u.test(value);
}

/** `\r\n` and lone `\r` become `\n`, so a pasted Windows text is not refused for its line ends. */
const unifyNewlines = (value: string) => value.replace(/\r\n?/g, "\n");

export const NAME_MESSAGES = {
  empty: "Enter your name",
  tooLong: `Name is too long (${LIMITS.nameMaxLength} characters at most)`,
  unclean: "Names can't contain control characters or invisible formatting characters",
} as const;

/**
 * A display name: trimmed, 1–80 characters, nothing invisible or control-like. The same rule for sign-up, profile,
 * guests on the pre-join page, join-token claims and what the signaling service shows to everyone.
 */
export const displayNameSchema = z
  .string()
  .trim()
  .min(1, NAME_MESSAGES.empty)
  .max(LIMITS.nameMaxLength, NAME_MESSAGES.tooLong)
  .refine(isCleanName, NAME_MESSAGES.unclean);
export type DisplayName = z.infer<typeof displayNameSchema>;

/** A one-line title (meeting title): like a name in what it refuses, with its own length bound. */
export function singleLineTextSchema(maxLength: number) {
  return z
    .string()
    .trim()
    .max(maxLength, `At most ${maxLength} characters`)
    .refine(isCleanName, "Can't contain control characters or invisible formatting characters");
}

/** Multi-line text (chat message, meeting description): newlines and tabs allowed, other control characters not. */
export function multiLineTextSchema(maxLength: number) {
  return z
    .string()
    .overwrite(unifyNewlines)
    .trim()
    .max(maxLength, `At most ${maxLength} characters`)
    .refine(isCleanText, "Can't contain control characters");
}
