import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { defaultSignalingConfig } from "./config";
import { request, sleep, startHarness, type Harness } from "./testing/harness";

const TURN_SECRET = "turn-secret-for-tests";
let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), {
    ice: { stunUrls: ["stun:turn.example:3478"], turnUrls: ["turn:turn.example:3478"], turnSecret: TURN_SECRET, turnTtlSeconds: 600 },
  });
});
afterAll(() => h.close());

/** The expiry (epoch seconds) a TURN REST username carries, after checking its credential. */
function turnExpiry(servers: { urls: string[]; username?: string; credential?: string }[]): number {
  const turn = servers.find((s) => s.urls.some((url) => url.startsWith("turn:")));
  if (!turn?.username || !turn.credential) throw new Error("no TURN server offered");
  expect(turn.credential).toBe(createHmac("sha1", TURN_SECRET).update(turn.username).digest("base64"));
  return Number(turn.username.split(":")[0]);
}

describe("TURN credentials", () => {
  it("last 10 minutes by default, are announced with their lifetime, and members can fetch fresh ones", async () => {
    expect(defaultSignalingConfig.ice.turnTtlSeconds).toBe(600);
    const meeting = await h.createMeeting();
    const { client, joined } = await h.joined(meeting.id, meeting.host);
    expect(joined.iceServersExpireInSeconds).toBe(600);
    const first = turnExpiry(joined.iceServers);
    expect(first - Date.now() / 1000).toBeGreaterThan(590);
    expect(first - Date.now() / 1000).toBeLessThanOrEqual(600);

    await sleep(1100);
    const refreshed = await request(client, "ice:refresh", {});
    if (!refreshed.ok) throw new Error(refreshed.error.message);
    expect(refreshed.data.expiresInSeconds).toBe(600);
    expect(turnExpiry(refreshed.data.iceServers)).toBeGreaterThan(first);
  });

  it("are not handed to sockets that are not in a call", async () => {
    const stranger = await h.connect();
    expect(await request(stranger, "ice:refresh", {})).toMatchObject({ ok: false, error: { code: "not_in_room" } });
  });
});
