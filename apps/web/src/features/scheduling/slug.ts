import { randomInt } from "node:crypto";

const ALPHABET = "abcdefghijkmnopqrstuvwxyz"; // no "l": it reads like "1" and "I"

/** An unguessable, readable join-link id like "qzfd-kpwa-vneh" (≈ 55 bits from a CSPRNG). */
export function newMeetingSlug(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${group()}-${group()}-${group()}`;
}

export const MEETING_SLUG_PATTERN = /^[a-z]{4}-[a-z]{4}-[a-z]{4}$/;
