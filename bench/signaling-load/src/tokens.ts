import { SignJWT } from "jose";
import { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER, type JoinTokenClaims } from "@parley/protocol";

/** Mint a join token the way the web app does (HS256 with the shared JOIN_TOKEN_SECRET). */
export function mintJoinToken(secret: string, claims: JoinTokenClaims, ttlSeconds = 240): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ meetingId: claims.meetingId, name: claims.name, role: claims.role })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(JOIN_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
