import { errors, jwtVerify, SignJWT } from "jose";
import {
  JOIN_TOKEN_AUDIENCE,
  JOIN_TOKEN_ISSUER,
  JOIN_TOKEN_MAX_TTL_SECONDS,
  joinTokenClaimsSchema,
  type JoinTokenClaims,
} from "./claims";
import type { JoinTokenKey } from "./key";

export interface MintOptions {
  /** Lifetime; capped at JOIN_TOKEN_MAX_TTL_SECONDS. */
  ttlSeconds: number;
  /** When the token is issued (the clock of the caller). */
  now?: Date;
}

/** Mints the short-lived HS256 join token that `verifyJoinToken` accepts (the web app, for `/m/<slug>`). */
export async function mintJoinToken(claims: JoinTokenClaims, key: JoinTokenKey, options: MintOptions): Promise<string> {
  const valid = joinTokenClaimsSchema.parse(claims);
  const ttl = Math.min(options.ttlSeconds, JOIN_TOKEN_MAX_TTL_SECONDS);
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ meetingId: valid.meetingId, name: valid.name, role: valid.role, ...(valid.browser ? { browser: valid.browser } : {}) })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(valid.sub)
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(JOIN_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    // The id the signaling service remembers until expiry: a join token admits once (a copied link's token cannot
    // be replayed, and one token cannot be spent on several seats).
    .setJti(globalThis.crypto.randomUUID())
    .sign(key);
}

/** Why a join token was refused; `code` is the protocol's error code and `message` is safe to show. */
export class JoinTokenError extends Error {
  readonly code: "token_expired" | "unauthorized";

  constructor(code: JoinTokenError["code"], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "JoinTokenError";
    this.code = code;
  }

  static expired(cause: unknown): JoinTokenError {
    return new JoinTokenError("token_expired", "Your join link has expired. Reload the page to get a new one.", { cause });
  }

  static invalid(cause: unknown): JoinTokenError {
    return new JoinTokenError("unauthorized", "The join token is not valid.", { cause });
  }
}

export interface VerifiedJoinToken {
  claims: JoinTokenClaims;
  /** `iat`, in epoch milliseconds. */
  issuedAtMs: number;
  /** `exp`, in epoch milliseconds. */
  expiresAtMs: number;
  /** `jti`: the token's id, spent by its first join. */
  tokenId: string;
}

/** Verifies a join token (HS256, issuer, audience, expiry, age) and parses its claims (the signaling service, on `room:join`). */
export async function verifyJoinToken(token: string, key: JoinTokenKey, now: Date): Promise<VerifiedJoinToken> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: JOIN_TOKEN_ISSUER,
      audience: JOIN_TOKEN_AUDIENCE,
      requiredClaims: ["exp", "iat", "sub", "jti"],
      maxTokenAge: JOIN_TOKEN_MAX_TTL_SECONDS,
      // NOTE: web and signaling may run on different hosts; tolerate small clock drift.
      clockTolerance: 5,
      currentDate: now,
    }));
  } catch (error) {
    throw error instanceof errors.JWTExpired ? JoinTokenError.expired(error) : JoinTokenError.invalid(error);
  }
  const claims = joinTokenClaimsSchema.safeParse(payload);
  if (!claims.success) throw JoinTokenError.invalid(claims.error);
  const tokenId = payload.jti;
  if (typeof tokenId !== "string" || tokenId.length === 0 || tokenId.length > 64) throw JoinTokenError.invalid(new Error("bad jti"));
  return { claims: claims.data, issuedAtMs: Number(payload.iat) * 1000, expiresAtMs: Number(payload.exp) * 1000, tokenId };
}
