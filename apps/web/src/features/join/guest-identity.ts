import { randomBytes } from "node:crypto";

export const GUEST_COOKIE = "parley_guest";
const GUEST_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** A guest keeps one id per browser (cookie), so a reload or reconnect is the same guest, not a new one. */
export function guestIdFrom(cookieValue: string | undefined): { id: string; isNew: boolean } {
  if (cookieValue && GUEST_ID.test(cookieValue)) return { id: cookieValue, isNew: false };
  return { id: randomBytes(16).toString("base64url"), isNew: true };
}
