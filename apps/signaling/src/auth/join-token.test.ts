import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from "@parley/protocol";
import { SignalingError } from "../errors";
import { identityOf, verifyJoinToken } from "./join-token";

const secret = new TextEncoder().encode("s".repeat(32));
const now = new Date("2026-03-01T10:00:00Z");
const nowSeconds = now.getTime() / 1000;
const claims = { meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f", name: "Ada", role: "guest" };

function mint(opts: { iat?: number; exp?: number; key?: Uint8Array; issuer?: string; body?: object } = {}) {
  return new SignJWT({ ...claims, ...opts.body })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("guest:g1")
    .setIssuer(opts.issuer ?? JOIN_TOKEN_ISSUER)
    .setAudience(JOIN_TOKEN_AUDIENCE)
    .setIssuedAt(opts.iat ?? nowSeconds)
    .setExpirationTime(opts.exp ?? nowSeconds + 300)
    .sign(opts.key ?? secret);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    return error instanceof SignalingError ? error.code : "untyped";
  }
}

describe("verifyJoinToken", () => {
  it("accepts a valid token and returns its claims", async () => {
    const verified = await verifyJoinToken(await mint(), secret, now);
    expect(verified.claims).toEqual({ ...claims, sub: "guest:g1" });
    expect(verified.issuedAtMs).toBe(now.getTime());
  });

  it("refuses expired, tampered, foreign and malformed tokens with typed errors", async () => {
    expect(await codeOf(verifyJoinToken(await mint({ iat: nowSeconds - 400, exp: nowSeconds - 100 }), secret, now))).toBe(
      "token_expired",
    );
    const token = await mint();
    const [h, p, s] = token.split(".") as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, role: "host", sub: "guest:g1" })).toString("base64url");
    expect(await codeOf(verifyJoinToken(`${h}.${forged}.${s}`, secret, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(await mint({ key: new TextEncoder().encode("x".repeat(32)) }), secret, now))).toBe(
      "unauthorized",
    );
    expect(await codeOf(verifyJoinToken(await mint({ issuer: "someone-else" }), secret, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(await mint({ body: { role: "owner" } }), secret, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken("not.a.jwt", secret, now))).toBe("unauthorized");
    expect(await codeOf(verifyJoinToken(`${h}.${p}.`, secret, now))).toBe("unauthorized");
  });

  it("refuses tokens older than the maximum lifetime even if their exp is far away", async () => {
    expect(await codeOf(verifyJoinToken(await mint({ iat: nowSeconds - 3600, exp: nowSeconds + 3600 }), secret, now))).not.toBe(
      "accepted",
    );
  });
});

describe("identityOf", () => {
  it("splits users from guests", () => {
    expect(identityOf("user:u1")).toEqual({ userId: "u1" });
    expect(identityOf("guest:g1")).toEqual({ guestId: "g1" });
  });
});
