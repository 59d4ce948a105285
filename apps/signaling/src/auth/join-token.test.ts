import { joinTokenKey, mintJoinToken } from "@parley/join-auth";
import { describe, expect, it } from "vitest";
import { SignalingError } from "../errors";
import { verifyJoinToken } from "./join-token";

const key = joinTokenKey("s".repeat(32));
const now = new Date("2026-03-01T10:00:00Z");
const claims = { sub: "guest:g1", meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f", name: "Ada", role: "guest" as const };

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => "accepted",
    (error: unknown) => error,
  );
}

describe("verifyJoinToken (signaling)", () => {
  it("passes the claims of a valid token through", async () => {
    const token = await mintJoinToken(claims, key, { ttlSeconds: 60, now });
    expect((await verifyJoinToken(token, key, now)).claims).toEqual(claims);
  });

  it("turns refusals into SignalingErrors with the protocol's codes", async () => {
    const token = await mintJoinToken(claims, key, { ttlSeconds: 60, now });
    const expired = await refusal(verifyJoinToken(token, key, new Date(now.getTime() + 3_600_000)));
    expect(expired).toBeInstanceOf(SignalingError);
    expect(expired).toMatchObject({ code: "token_expired" });
    const forged = await refusal(verifyJoinToken(token, joinTokenKey("x".repeat(32)), now));
    expect(forged).toBeInstanceOf(SignalingError);
    expect(forged).toMatchObject({ code: "unauthorized", message: "The join token is not valid." });
  });
});
