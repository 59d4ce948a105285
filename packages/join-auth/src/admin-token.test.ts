import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN_AUDIENCE, mintAdminToken, verifyAdminToken } from "./admin-token";
import { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from "./claims";
import { joinTokenKey } from "./key";

const key = joinTokenKey("admin-token-test-secret-0123456789abcdef");
const claims = { sub: "admin:u1", meetingId: "2f1e0d9c-8b7a-4654-9321-0fedcba98765", action: "end-meeting" as const };
const now = new Date("2026-12-06T00:00:00Z");

describe("admin tokens", () => {
  it("round-trips: what the web mints, signaling verifies", async () => {
    expect(await verifyAdminToken(await mintAdminToken(claims, key, now), key, now)).toEqual(claims);
  });

  it("refuses another key, an expired token, a join token and a long-lived one", async () => {
    const token = await mintAdminToken(claims, key, now);
    expect(await verifyAdminToken(token, joinTokenKey("another-secret-0123456789abcdef-xyz"), now)).toBeNull();
    expect(await verifyAdminToken(token, key, new Date(now.getTime() + 120_000))).toBeNull();
    const sign = (audience: string, ttl: number) =>
      new SignJWT({ meetingId: claims.meetingId, action: claims.action })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(claims.sub)
        .setIssuer(JOIN_TOKEN_ISSUER)
        .setAudience(audience)
        .setIssuedAt(Math.floor(now.getTime() / 1000))
        .setExpirationTime(Math.floor(now.getTime() / 1000) + ttl)
        .sign(key);
    expect(await verifyAdminToken(await sign(JOIN_TOKEN_AUDIENCE, 30), key, now)).toBeNull();
    expect(await verifyAdminToken(await sign(ADMIN_TOKEN_AUDIENCE, 3600), key, now)).toBeNull();
    expect(await verifyAdminToken(await sign(ADMIN_TOKEN_AUDIENCE, 30), key, now)).toEqual(claims);
  });
});
