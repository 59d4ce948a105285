// The admin token itself is minted by @parley/join-auth (signaling verifies it there too); this module only binds the key.
import { joinTokenKey, mintAdminToken, type AdminTokenClaims } from "@parley/join-auth";

/** Mints the short-lived token signaling's internal admin endpoint verifies (same key as join tokens, own audience). */
export function mintAdminTokenFor(claims: AdminTokenClaims, secret: string, now: Date = new Date()): Promise<string> {
  return mintAdminToken(claims, joinTokenKey(secret), now);
}
