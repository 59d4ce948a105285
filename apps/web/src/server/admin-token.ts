import { SignJWT } from "jose";
import { ADMIN_TOKEN_AUDIENCE, ADMIN_TOKEN_MAX_TTL_SECONDS, JOIN_TOKEN_ISSUER, adminTokenClaimsSchema, type AdminTokenClaims } from "@parley/protocol";

/** Mints the short-lived token signaling's internal admin endpoint verifies (same key as join tokens, own audience). */
export async function mintAdminToken(claims: AdminTokenClaims, secret: string, now: Date = new Date()): Promise<string> {
  const valid = adminTokenClaimsSchema.parse(claims);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ meetingId: valid.meetingId, action: valid.action })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(valid.sub)
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(ADMIN_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ADMIN_TOKEN_MAX_TTL_SECONDS)
    .sign(new TextEncoder().encode(secret));
}
