import { SignJWT } from "jose";
import {
  JOIN_TOKEN_AUDIENCE,
  JOIN_TOKEN_ISSUER,
  JOIN_TOKEN_MAX_TTL_SECONDS,
  joinTokenClaimsSchema,
  type JoinTokenClaims,
} from "@parley/protocol";

/** Mints the short-lived HS256 join token the signaling service verifies on `room:join`. */
export async function mintJoinToken(
  claims: JoinTokenClaims,
  secret: string,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<string> {
  const valid = joinTokenClaimsSchema.parse(claims);
  const ttl = Math.min(ttlSeconds, JOIN_TOKEN_MAX_TTL_SECONDS);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ meetingId: valid.meetingId, name: valid.name, role: valid.role, ...(valid.browser ? { browser: valid.browser } : {}) })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(valid.sub)
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(JOIN_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .sign(new TextEncoder().encode(secret));
}
