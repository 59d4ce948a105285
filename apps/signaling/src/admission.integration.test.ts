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
  it("a guest token joined 7 times holds one seat; each join replaces the previous one, which is told why", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Greedy");
    const token = await h.token(meeting.id, guest);
    const sockets = [];
    const removals: Promise<unknown>[] = [];
    for (let i = 0; i < 7; i++) {
      const client = await h.connect();
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
