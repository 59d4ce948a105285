import { hkdfSync } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";

/** What an RSVP link proves: the mail for this meeting went to this address. */
export type RsvpClaims = { meetingId: string; email: string };
export type RsvpTokenError = "expired" | "invalid";
export type RsvpTokenResult = { ok: true; claims: RsvpClaims } | { ok: false; error: RsvpTokenError };

const ISSUER = "parley-web";
const AUDIENCE = "parley-rsvp";

const claimsSchema = z.object({ mid: z.uuid(), email: z.email().max(254) });

/** A key of its own for RSVP links, derived from the auth secret (a leaked RSVP key says nothing about sessions). */
export function rsvpKey(authSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", authSecret, "parley", "rsvp-link-v1", 32));
}

/** Signs an answer link for one invitee of one meeting, valid until `expiresAt` (no sign-in needed to use it). */
export async function mintRsvpToken(key: Uint8Array, claims: RsvpClaims, expiresAt: Date): Promise<string> {
  return new SignJWT({ mid: claims.meetingId, email: claims.email })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

/** Checks signature, expiry and shape; a tampered or foreign token is "invalid", an old one "expired". */
export async function verifyRsvpToken(key: Uint8Array, token: string): Promise<RsvpTokenResult> {
  if (token.length > 2000) return { ok: false, error: "invalid" };
  try {
    const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, error: "invalid" };
    return { ok: true, claims: { meetingId: claims.data.mid, email: claims.data.email } };
  } catch (error) {
    return { ok: false, error: error instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
