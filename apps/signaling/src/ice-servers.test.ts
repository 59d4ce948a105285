import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { iceServersFor } from "./ice-servers";

const now = new Date("2026-03-01T10:00:00Z");
const ice = { stunUrls: ["stun:stun.example:3478"], turnUrls: ["turn:turn.example:3478?transport=udp"], turnSecret: "s3cret", turnTtlSeconds: 600 };

describe("iceServersFor", () => {
  it("issues coturn REST API credentials valid for the TTL", () => {
    const [stun, turn] = iceServersFor(ice, "p1", now);
    expect(stun).toEqual({ urls: ice.stunUrls });
    const expiry = now.getTime() / 1000 + 600;
    expect(turn?.username).toBe(`${expiry}:p1`);
    expect(turn?.credential).toBe(createHmac("sha1", "s3cret").update(`${expiry}:p1`).digest("base64"));
  });

  it("offers no TURN without a secret and nothing when unconfigured", () => {
    expect(iceServersFor({ ...ice, turnSecret: undefined }, "p1", now)).toEqual([{ urls: ice.stunUrls }]);
    expect(iceServersFor({ ...ice, stunUrls: [], turnUrls: [] }, "p1", now)).toEqual([]);
  });
});
