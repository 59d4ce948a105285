import { describe, expect, it } from "vitest";
import { identityOf, joinTokenClaimsSchema } from "./claims";

const claims = { sub: "guest:abc_123", meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f", name: "Ada", role: "guest" };

describe("joinTokenClaimsSchema", () => {
  it("accepts user and guest subjects", () => {
    expect(joinTokenClaimsSchema.safeParse(claims).success).toBe(true);
    expect(joinTokenClaimsSchema.safeParse({ ...claims, sub: "user:u1", role: "host" }).success).toBe(true);
  });

  it("rejects unknown subjects, roles and empty names", () => {
    expect(joinTokenClaimsSchema.safeParse({ ...claims, sub: "admin:1" }).success).toBe(false);
    expect(joinTokenClaimsSchema.safeParse({ ...claims, role: "owner" }).success).toBe(false);
    expect(joinTokenClaimsSchema.safeParse({ ...claims, name: "  " }).success).toBe(false);
  });
});

describe("identityOf", () => {
  it("splits users from guests", () => {
    expect(identityOf("user:u1")).toEqual({ userId: "u1" });
    expect(identityOf("guest:g1")).toEqual({ guestId: "g1" });
  });
});

describe("join-token claims use the name rule", () => {
  const claims = { sub: "guest:abc_123", meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f", role: "guest" };
  it("refuses a NUL or a bidi override in the name claim", () => {
    expect(joinTokenClaimsSchema.safeParse({ ...claims, name: "Ada\u0000" }).success).toBe(false);
    expect(joinTokenClaimsSchema.safeParse({ ...claims, name: "Alice (Host)\u202E" }).success).toBe(false);
  });
});
