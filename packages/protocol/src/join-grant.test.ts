import { describe, expect, it } from "vitest";
import { joinGrantSchema, joinTokenAnswerSchema, joinTokenRefusalSchema } from "./join-grant";

const grant = {
  token: "a.b.c",
  expiresInSeconds: 120,
  meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f",
  name: "Ada",
  role: "guest",
  signalingUrl: "https://meet.example.com/signaling",
};

describe("join-token HTTP answer", () => {
  it("accepts a grant and a refusal with a known code", () => {
    expect(joinGrantSchema.safeParse(grant).success).toBe(true);
    expect(joinTokenRefusalSchema.safeParse({ error: { code: "not_found", message: "This meeting link is not valid." } }).success).toBe(true);
    expect(joinTokenAnswerSchema.safeParse(grant).success).toBe(true);
    expect(joinGrantSchema.safeParse({ ...grant, role: "cohost" }).success).toBe(true);
  });

  it("refuses grants without a usable token, role or signaling URL, and unknown refusal codes", () => {
    expect(joinGrantSchema.safeParse({ ...grant, token: "" }).success).toBe(false);
    expect(joinGrantSchema.safeParse({ ...grant, role: "owner" }).success).toBe(false);
    expect(joinGrantSchema.safeParse({ ...grant, role: "co-host" }).success).toBe(false);
    expect(joinGrantSchema.safeParse({ ...grant, signalingUrl: "not a url" }).success).toBe(false);
    expect(joinTokenAnswerSchema.safeParse({ error: { code: "teapot", message: "no" } }).success).toBe(false);
    expect(joinTokenAnswerSchema.safeParse({ error: { message: "no code" } }).success).toBe(false);
  });
});
