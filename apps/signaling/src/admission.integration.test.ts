import { PROTOCOL_VERSION } from "@parley/protocol";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nextEvent, request, sleep, startHarness, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), { roomCapacity: 8 });
});
afterAll(() => h.close());

const media = { audioMuted: false, videoMuted: false };

describe("one seat per identity", () => {
  it("one guest joining 7 times holds one seat; each join replaces the previous one, which is told why", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Greedy");
    const sockets = [];
    const removals: Promise<unknown>[] = [];
    for (let i = 0; i < 7; i++) {
      const client = await h.connect();
      // A fresh token each time, as a page gets one per join (a token itself admits once: join.integration.test.ts).
      const token = await h.token(meeting.id, guest);
      const ack = await request(client, "room:join", { token, meetingId: meeting.id, protocolVersion: PROTOCOL_VERSION, media });
      expect(ack).toMatchObject({ ok: true, data: { status: "joined" } });
      if (i < 6) removals.push(nextEvent(client, "room:removed", 5000));
      sockets.push(client);
    }
    for (const removal of removals) expect(await removal).toEqual({ reason: "joined_elsewhere" });
    await sleep(100);
    expect(sockets.filter((s) => s.connected)).toHaveLength(1);
    const room = await h.server.rooms.get(meeting.id);
    expect(room?.members.filter((m) => m.subject === guest.sub)).toHaveLength(1);
    expect(room?.members).toHaveLength(2);
    // The seats the token would have taken are still free for others.
    for (let i = 0; i < 6; i++) await h.joined(meeting.id, h.guest(`Guest ${i}`));
    expect((await h.join(meeting.id, h.guest("One too many"))).ack).toMatchObject({ ok: false, error: { code: "room_full" } });
    host.disconnect();
  });
});

describe("the lobby of a full or locked meeting", () => {
  it("refuses entry to the lobby while the meeting is full or locked", async () => {
    const small = await startHarness(inject("databaseUrl"), { roomCapacity: 2 });
    try {
      const meeting = await small.createMeeting({ lobbyEnabled: true });
      const { client: host } = await small.joined(meeting.id, meeting.host);
      expect(await request(host, "host:lock", {})).toMatchObject({ ok: true });
      expect((await small.join(meeting.id, small.guest("Locked out"))).ack).toMatchObject({ ok: false, error: { code: "room_locked" } });
      expect(await request(host, "host:unlock", {})).toMatchObject({ ok: true });
      // A second host fills the call (hosts skip the lobby); then the lobby is closed too.
      await small.joined(meeting.id, { ...meeting.host, sub: `${meeting.host.sub}x` });
      expect((await small.join(meeting.id, small.guest("Full"))).ack).toMatchObject({ ok: false, error: { code: "room_full" } });
      expect((await small.server.rooms.get(meeting.id))?.lobby).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it("keeps one place in the queue per identity and a bounded queue", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Impatient");
    const first = await h.join(meeting.id, guest);
    const second = await h.join(meeting.id, guest);
    expect(first.ack).toMatchObject({ ok: true, data: { status: "waiting" } });
    expect(second.ack).toMatchObject({ ok: true, data: { status: "waiting" } });
    await sleep(100);
    expect(first.client.connected).toBe(false);
    expect((await h.server.rooms.get(meeting.id))?.lobby.filter((g) => g.subject === guest.sub)).toHaveLength(1);
    // Capacity 8: at most 16 wait at once.
    for (let i = 0; i < 15; i++) expect((await h.join(meeting.id, h.guest(`Waiting ${i}`))).ack).toMatchObject({ ok: true });
    expect((await h.join(meeting.id, h.guest("Seventeenth"))).ack).toMatchObject({ ok: false, error: { code: "room_full" } });
  });
});

describe("a removed participant", () => {
  it("is refused as their account and as their browser's guest, and the host is told each time", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const browser = "browser-0123456789abcdef";
    const account = { sub: `user:u${Date.now()}`, name: "Mallory", role: "guest" as const, browser };
    const { client: mallory, joined } = await h.joined(meeting.id, account);
    const removed = nextEvent(mallory, "room:removed");
    expect(await request(host, "host:remove", { participantId: joined.self.id, block: true })).toEqual({ ok: true, data: {} });
    expect(await removed).toEqual({ reason: "blocked_by_host" });

    let told = nextEvent(host, "host:rejoin-refused");
    expect((await h.join(meeting.id, account)).ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await told).toEqual({ name: "Mallory" });
    // Signed out, same browser: the guest identity of that browser is refused too.
    told = nextEvent(host, "host:rejoin-refused");
    const asGuest = { sub: `guest:${browser}`, name: "Not Mallory", role: "guest" as const, browser };
    expect((await h.join(meeting.id, asGuest)).ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await told).toEqual({ name: "Not Mallory" });
    // Someone else (another browser) is welcome.
    await h.joined(meeting.id, { ...h.guest("Trent"), browser: "browser-fedcba9876543210" });
  });
});
