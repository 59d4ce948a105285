import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { JOIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER, joinTokenKey } from "@parley/join-auth";
import { nextEvent, recordEvents, request, sleep, startHarness, TEST_SECRET, type Harness } from "./testing/harness";

/** A correctly signed token with a name our minting would refuse (as a minting bug or a leaked key would make). */
async function signedTokenNamed(meetingId: string, name: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ meetingId, name, role: "guest" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(`guest:${crypto.randomUUID().slice(0, 12)}`)
    .setIssuer(JOIN_TOKEN_ISSUER)
    .setAudience(JOIN_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .setJti(crypto.randomUUID())
    .sign(joinTokenKey(TEST_SECRET));
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"));
});
afterAll(() => h.close());

// Issue #14, finding 2: control characters used to reach Postgres (error 22021) and came back as `internal`.
describe("control characters in what people type", () => {
  it("answers chat:send with a NUL as invalid_payload, stores nothing and sends nothing", async () => {
    const meeting = await h.createMeeting();
    const host = await h.joined(meeting.id, meeting.host);
    const guest = await h.joined(meeting.id, h.guest());
    const seen = recordEvents(guest.client);

    for (const body of ["a\u0000b", "bell\u0007", "c1\u009B[31m"]) {
      expect(await request(host.client, "chat:send", { body })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    await sleep(100);
    expect(seen.filter((e) => e.event === "chat:message")).toEqual([]);
    expect(await h.db.chat.history(meeting.id)).toEqual([]);

    // Newlines are text, not control: the same sockets still chat.
    const next = nextEvent(guest.client, "chat:message");
    expect(await request(host.client, "chat:send", { body: "line 1\r\nline 2" })).toMatchObject({ ok: true, data: { body: "line 1\nline 2" } });
    expect((await next).body).toBe("line 1\nline 2");
  });

  it("refuses a join token whose name carries a NUL or a bidi override, so it never reaches attendance", async () => {
    const meeting = await h.createMeeting();
    for (const name of ["Ada\u0000", "Alice (Host)\u202E", "x".repeat(81)]) {
      const { ack } = await h.join(meeting.id, h.guest(), { token: await signedTokenNamed(meeting.id, name) });
      expect(ack).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    expect(await h.db.participants.listForMeeting(meeting.id)).toEqual([]);
  });
});
