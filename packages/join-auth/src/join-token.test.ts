import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER, JOIN_TOKEN_MAX_TTL_SECONDS, type JoinTokenClaims } from "./claims";
import { JoinTokenError, mintJoinToken, verifyJoinToken } from "./join-token";
import { joinTokenKey } from "./key";

const secret = "s".repeat(32);
const key = joinTokenKey(secret);
const now = new Date("2026-03-01T10:00:00Z");
const nowSeconds = now.getTime() / 1000;
const claims = { meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f", name: "Ada", role: "guest" };

/** A token put together by hand, to forge what `mintJoinToken` would never produce. */
function forge(opts: { iat?: number; exp?: number; key?: Uint8Array; issuer?: string; body?: object } = {}) {
  return new SignJWT({ ...claims, jti: "forged-1", ...opts.body })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("guest:g1")
    .setIssuer(opts.issuer ?? JOIN_TOKEN_ISSUER)
    .setAudience(JOIN_TOKEN_AUDIENCE)
    .setIssuedAt(opts.iat ?? nowSeconds)
    .setExpirationTime(opts.exp ?? nowSeconds + 300)
    .sign(opts.key ?? key);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    return error instanceof JoinTokenError ? error.code : "untyped";
  }
}

describe("join token round trip (web mints, signaling verifies)", () => {
  // NOTE: both apps call exactly these functions with a key made by joinTokenKey(JOIN_TOKEN_SECRET); if minting and
  // verification drift apart (claims, issuer, audience, algorithm, key encoding, lifetime), this fails.
  const people: JoinTokenClaims[] = [
    { sub: "user:u_1", meetingId: claims.meetingId, name: "Hana Host", role: "host" },
    { sub: "user:u_2", meetingId: claims.meetingId, name: "Cora Cohost", role: "cohost" },
    { sub: "guest:g_abcdefghijklmnop", meetingId: claims.meetingId, name: "Gus Guest", role: "guest" },
  ];

  it("verifies every token it mints and gives back the same claims and lifetime", async () => {
    for (const person of people) {
      const token = await mintJoinToken(person, joinTokenKey(secret), { ttlSeconds: 120, now });
      const verified = await verifyJoinToken(token, joinTokenKey(secret), now);
      expect(verified).toEqual({ claims: person, issuedAtMs: now.getTime(), expiresAtMs: now.getTime() + 120_000, tokenId: expect.any(String) });
    }
  });

  it("gives every token its own id (the signaling service spends it on the first join)", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await verifyJoinToken(await mintJoinToken(people[1]!, key, { ttlSeconds: 60, now }), key, now)).tokenId);
    expect(ids.size).toBe(5);
  });

  it("refuses a token without an id (it could be replayed)", async () => {
    expect(await codeOf(verifyJoinToken(await forge({ body: { jti: undefined } }), key, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(await forge({ body: { jti: "x".repeat(65) } }), key, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(await forge(), key, now))).toBe("accepted");
  });

  it("caps the lifetime at the maximum the verifier accepts, and the token still verifies near its end", async () => {
    const token = await mintJoinToken(people[1]!, key, { ttlSeconds: 3600, now });
    const late = new Date(now.getTime() + (JOIN_TOKEN_MAX_TTL_SECONDS - 1) * 1000);
    expect((await verifyJoinToken(token, key, late)).expiresAtMs).toBe(now.getTime() + JOIN_TOKEN_MAX_TTL_SECONDS * 1000);
    const after = new Date(now.getTime() + (JOIN_TOKEN_MAX_TTL_SECONDS + 10) * 1000);
    expect(await codeOf(verifyJoinToken(token, key, after))).toBe("token_expired");
  });

  it("refuses a token minted with another secret", async () => {
    const token = await mintJoinToken(people[0]!, joinTokenKey("x".repeat(32)), { ttlSeconds: 120, now });
    expect(await codeOf(verifyJoinToken(token, key, now))).toBe("unauthorized");
  });

  it("refuses to mint invalid claims", async () => {
    await expect(mintJoinToken({ ...people[0]!, sub: "admin:1" }, key, { ttlSeconds: 60, now })).rejects.toThrow();
  });

  it("refuses a secret shorter than the apps' env schemas allow", () => {
    expect(() => joinTokenKey("short")).toThrow(/at least 32/);
  });
});

describe("verifyJoinToken", () => {
  it("accepts a valid token and returns its claims", async () => {
    const verified = await verifyJoinToken(await forge(), key, now);
    expect(verified.claims).toEqual({ ...claims, sub: "guest:g1" });
    expect(verified.issuedAtMs).toBe(now.getTime());
  });

  it("refuses expired, tampered, foreign and malformed tokens with typed errors", async () => {
    expect(await codeOf(verifyJoinToken(await forge({ iat: nowSeconds - 400, exp: nowSeconds - 100 }), key, now))).toBe(
      "token_expired",
    );
    const token = await forge();
    const [h, p, s] = token.split(".") as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, role: "host", sub: "guest:g1" })).toString("base64url");
    expect(await codeOf(verifyJoinToken(`${h}.${forged}.${s}`, key, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(await forge({ key: new TextEncoder().encode("x".repeat(32)) }), key, now))).toBe(
      "unauthorized",
    );
    expect(await codeOf(verifyJoinToken(await forge({ issuer: "someone-else" }), key, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(await forge({ body: { role: "owner" } }), key, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken("not.a.jwt", key, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(`${h}.${p}.`, key, now))).toBe("unauthorized");
  });

  it("refuses tokens older than the maximum lifetime even if their exp is far away", async () => {
    expect(await codeOf(verifyJoinToken(await forge({ iat: nowSeconds - 3600, exp: nowSeconds + 3600 }), key, now))).not.toBe(
      "accepted",
    );
  });
});
