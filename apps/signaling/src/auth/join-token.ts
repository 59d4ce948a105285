import { errors, jwtVerify } from "jose";
import {
  JOIN_TOKEN_AUDIENCE,
  JOIN_TOKEN_ISSUER,
  JOIN_TOKEN_MAX_TTL_SECONDS,
  joinTokenClaimsSchema,
  type JoinTokenClaims,
} from "@parley/protocol";
import { SignalingError } from "../errors";

export interface VerifiedJoinToken {
  claims: JoinTokenClaims;
  /** `iat`, in epoch milliseconds. */
  issuedAtMs: number;
}

/** Verify a join token minted by the web app (HS256, issuer, audience, expiry, age) and parse its claims. */
export async function verifyJoinToken(token: string, secret: Uint8Array, now: Date): Promise<VerifiedJoinToken> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, secret, {
      algorithms: ["HS256"],
      issuer: JOIN_TOKEN_ISSUER,
      audience: JOIN_TOKEN_AUDIENCE,
      requiredClaims: ["exp", "iat", "sub"],
      maxTokenAge: JOIN_TOKEN_MAX_TTL_SECONDS,
      // NOTE: web and signaling may run on different hosts; tolerate small clock drift.
      clockTolerance: 5,
      currentDate: now,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      throw new SignalingError("token_expired", "Your join link has expired. Reload the page to get a new one.", {
        cause: error,
      });
    }
    throw new SignalingError("unauthorized", "The join token is not valid.", { cause: error });
  }
  const claims = joinTokenClaimsSchema.safeParse(payload);
  if (!claims.success) {
    throw new SignalingError("unauthorized", "The join token is not valid.", { cause: claims.error });
  }
  return { claims: claims.data, issuedAtMs: Number(payload.iat) * 1000 };
}

/** The identity behind a token subject, as the attendance record stores it. */
export function identityOf(sub: JoinTokenClaims["sub"]): { userId?: string; guestId?: string } {
  const [kind, id] = sub.split(":", 2) as [string, string];
  return kind === "user" ? { userId: id } : { guestId: id };
}
