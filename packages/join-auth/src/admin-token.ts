import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { JOIN_TOKEN_ISSUER } from "./claims";
import type { JoinTokenKey } from "./key";

/**
 * Administrators end a meeting through signaling's internal HTTP endpoint with a short-lived HS256 token signed with
 * the join-token key. Its own audience keeps it apart from join tokens (a join token is never accepted there, an
 * admin token never joins a room), and it is bound to one meeting.
 */
export const ADMIN_TOKEN_AUDIENCE = "parley-signaling-admin";
export const ADMIN_TOKEN_MAX_TTL_SECONDS = 60;

export const adminTokenClaimsSchema = z.object({
  sub: z.string().regex(/^admin:[A-Za-z0-9_-]{1,64}$/),
  meetingId: z.uuid(),
  action: z.literal("end-meeting"),
});
export type AdminTokenClaims = z.infer<typeof adminTokenClaimsSchema>;

/** Mints the token the web app sends (same key as join tokens, own audience, ≤ 60 s). */
export async function mintAdminToken(claims: AdminTokenClaims, key: JoinTokenKey, now: Date = new Date()): Promise<string> {
  const valid = adminTokenClaimsSchema.parse(claims);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ meetingId: valid.meetingId, action: valid.action })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(valid.sub)
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(ADMIN_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ADMIN_TOKEN_MAX_TTL_SECONDS)
    .sign(key);
}

/** The claims of a valid admin token, or null (forged, expired, wrong audience, minted to live too long). */
export async function verifyAdminToken(token: string, key: JoinTokenKey, now: Date): Promise<AdminTokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: JOIN_TOKEN_ISSUER,
      audience: ADMIN_TOKEN_AUDIENCE,
      requiredClaims: ["exp", "iat", "sub"],
      maxTokenAge: ADMIN_TOKEN_MAX_TTL_SECONDS,
      clockTolerance: 5,
      currentDate: now,
    });
    // A token minted to live longer than the limit is refused even while fresh: leaked, it would stay useful.
    if (Number(payload.exp) - Number(payload.iat) > ADMIN_TOKEN_MAX_TTL_SECONDS) return null;
    const claims = adminTokenClaimsSchema.safeParse(payload);
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}
