import { ADMIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from "@parley/join-auth";
import { ADMIN_END_MEETING_PATH } from "@parley/protocol";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nextEvent, TEST_SECRET, startHarness, type Harness } from "../testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"));
});
afterAll(() => h.close());

async function adminToken(meetingId: string, options: { audience?: string; secret?: string; ttl?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ meetingId, action: "end-meeting" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("admin:u1")
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(options.audience ?? ADMIN_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttl ?? 30))
    .sign(new TextEncoder().encode(options.secret ?? TEST_SECRET));
}

const endRequest = (body: unknown, token?: string, method = "POST") =>
  fetch(`${h.url}${ADMIN_END_MEETING_PATH}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });

describe("POST /internal/meetings/end", () => {
  it("ends a live meeting for everyone, as host:end does, and closes its attendance", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const { client: guest } = await h.joined(meeting.id, h.guest());
    const hostEnded = nextEvent(host, "room:ended");
    const guestEnded = nextEvent(guest, "room:ended");

    const response = await endRequest({ meetingId: meeting.id }, await adminToken(meeting.id));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ended: true });
    expect(await hostEnded).toEqual({ reason: "ended_by_admin" });
    expect(await guestEnded).toEqual({ reason: "ended_by_admin" });
    expect(await h.server.rooms.get(meeting.id)).toBeUndefined();
    await expect
      .poll(async () => (await h.db.participants.listForMeeting(meeting.id)).every((p) => p.leftAt !== null))
      .toBe(true);
    // Nobody in it any more: answered, nothing to end.
    expect(await (await endRequest({ meetingId: meeting.id }, await adminToken(meeting.id))).json()).toEqual({ ended: false });
  });

  it("refuses missing, forged, foreign-audience and mismatched tokens and bad bodies, and changes nothing", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    let ended = false;
    host.on("room:ended", () => (ended = true));
    const other = await h.createMeeting();
    const joinToken = await h.token(meeting.id, meeting.host);

    const attempts: Array<[Response, number]> = [
      [await endRequest({ meetingId: meeting.id }), 401],
      [await endRequest({ meetingId: meeting.id }, await adminToken(meeting.id, { secret: "x".repeat(40) })), 401],
      [await endRequest({ meetingId: meeting.id }, joinToken), 401],
      [await endRequest({ meetingId: meeting.id }, await adminToken(meeting.id, { audience: "parley-signaling" })), 401],
      [await endRequest({ meetingId: meeting.id }, await adminToken(other.id)), 401],
      [await endRequest({ meetingId: meeting.id }, await adminToken(meeting.id, { ttl: 3600 })), 401],
      [await endRequest({ meetingId: "nope" }, await adminToken(meeting.id)), 400],
      [await endRequest({ meetingId: meeting.id, extra: 1 }, await adminToken(meeting.id)), 400],
      [await endRequest("{not json", await adminToken(meeting.id)), 400],
      [await endRequest(JSON.stringify({ meetingId: meeting.id, pad: "x".repeat(5000) }), await adminToken(meeting.id)), 413],
      [await endRequest(undefined, await adminToken(meeting.id), "GET"), 405],
    ];
    expect(attempts.map(([response]) => response.status)).toEqual(attempts.map(([, status]) => status));
    expect(await h.server.rooms.get(meeting.id)).toBeDefined();
    expect(ended).toBe(false);
  });
});
