import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nextEvent, recordEvents, request, sleep, startHarness, type Harness } from "./testing/harness";

const GRACE_MS = 600;
let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), { reconnectGraceMs: GRACE_MS });
});
afterAll(() => h.close());

describe("reconnection", () => {
  it("resumes the same participant within the grace period without left/joined flapping", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    const { client: host, joined: hostJoined } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Flaky");
    const { client: first, ack } = await h.join(meeting.id, guest);
    if (!ack.ok || ack.data.status !== "waiting") throw new Error("expected lobby");
    const admitted = nextEvent(first, "lobby:admitted");
    await request(host, "lobby:admit", { participantId: ack.data.lobbyId });
    const joined = await admitted;
    const hostSeen = recordEvents(host);

    first.disconnect();
    await sleep(GRACE_MS / 3);
    // Back on a new socket, with a fresh token and the resume proof; muted meanwhile. No lobby this time.
    const { client: second, joined: resumed } = await h.joined(meeting.id, guest, {
      resume: { participantId: joined.self.id, resumeToken: joined.resumeToken },
      media: { audioMuted: true, videoMuted: false },
    });
    expect(resumed.resumed).toBe(true);
    expect(resumed.self.id).toBe(joined.self.id);
    expect(resumed.participants.map((p) => p.id)).toEqual([hostJoined.self.id]);

    // The resumed socket relays like the old one did.
    const offer = nextEvent(second, "signal:description");
    await request(host, "signal:description", { to: joined.self.id, description: { type: "offer", sdp: "v=0" } });
    expect(await offer).toMatchObject({ from: hostJoined.self.id });

    await sleep(GRACE_MS + 200);
    const kinds = hostSeen.map((e) => e.event);
    expect(kinds).not.toContain("participant:left");
    expect(kinds).not.toContain("participant:joined");
    expect(hostSeen.filter((e) => e.event === "participant:updated")).toEqual([
      { event: "participant:updated", args: [expect.objectContaining({ id: joined.self.id, audioMuted: true })] },
    ]);
    const attendance = await h.db.participants.listForMeeting(meeting.id);
    expect(attendance.filter((p) => p.displayName === "Flaky")).toEqual([expect.objectContaining({ leftAt: null })]);
  });

  it("removes a participant whose grace period runs out", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Gone");
    const { client, joined } = await h.joined(meeting.id, guest);
    const left = nextEvent(host, "participant:left", GRACE_MS * 3);
    const droppedAt = Date.now();
    client.disconnect();
    expect(await left).toEqual({ participantId: joined.self.id, reason: "disconnected" });
    expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    await expect
      .poll(async () => (await h.db.participants.listForMeeting(meeting.id)).find((p) => p.displayName === "Gone")?.leftAt)
      .toBeInstanceOf(Date);

    // Too late to resume: the client simply joins as a new participant.
    const { joined: fresh } = await h.joined(meeting.id, guest, {
      resume: { participantId: joined.self.id, resumeToken: joined.resumeToken },
    });
    expect(fresh.resumed).toBe(false);
    expect(fresh.self.id).not.toBe(joined.self.id);
  });

  it("a reload (fresh join without resume proof) replaces the same identity's dropped place at once", async () => {
    const small = await startHarness(inject("databaseUrl"), { reconnectGraceMs: 60_000, roomCapacity: 2 });
    try {
      const meeting = await small.createMeeting({ lobbyEnabled: true });
      const { client: host, joined: hostJoined } = await small.joined(meeting.id, meeting.host);
      const guest = small.guest("Reloader");
      const { client: first, ack } = await small.join(meeting.id, guest);
      if (!ack.ok || ack.data.status !== "waiting") throw new Error("expected lobby");
      const admitted = nextEvent(first, "lobby:admitted");
      await request(host, "lobby:admit", { participantId: ack.data.lobbyId });
      const before = await admitted;
      const hostSeen = recordEvents(host);

      first.disconnect(); // the tab reloads: its place is held for 60 s, the room (capacity 2) looks full
      await sleep(100);
      const { joined: after } = await small.joined(meeting.id, guest); // no lobby, not "full"
      expect(after.resumed).toBe(false);
      expect(after.self.id).not.toBe(before.self.id);
      expect(after.participants.map((p) => p.id)).toEqual([hostJoined.self.id]);
      await expect.poll(() => hostSeen.map((e) => e.event)).toEqual(["participant:left", "participant:joined"]);
      expect(hostSeen[0]?.args[0]).toEqual({ participantId: before.self.id, reason: "left" });

      // Another identity still finds the room full.
      const other = await small.join(meeting.id, small.guest("Other"));
      expect(other.ack).toMatchObject({ ok: false, error: { code: "room_full" } });
    } finally {
      await small.close();
    }
  });

  it("refuses to hand a place to another identity or a wrong resume token", async () => {
    const meeting = await h.createMeeting();
    const { joined: hostJoined } = await h.joined(meeting.id, meeting.host);
    const victim = h.guest("Victim");
    const { client, joined } = await h.joined(meeting.id, victim);
    client.disconnect();
    const thief = await h.joined(meeting.id, h.guest("Thief"), {
      resume: { participantId: joined.self.id, resumeToken: joined.resumeToken },
    });
    expect(thief.joined.resumed).toBe(false);
    expect(thief.joined.self.id).not.toBe(joined.self.id);
    const guess = await h.joined(meeting.id, victim, {
      resume: { participantId: joined.self.id, resumeToken: "A".repeat(32) },
    });
    expect(guess.joined.resumed).toBe(false);
    expect(hostJoined.self.id).toBeTruthy();
  });

  it("takes the place from a half-open old socket when the client comes back on a new one", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest();
    const { client: old, joined } = await h.joined(meeting.id, guest);
    const oldClosed = new Promise((resolve) => old.once("disconnect", resolve));
    const hostSeen = recordEvents(host);
    const { joined: resumed } = await h.joined(meeting.id, guest, {
      resume: { participantId: joined.self.id, resumeToken: joined.resumeToken },
    });
    expect(resumed.resumed).toBe(true);
    await oldClosed;
    await sleep(GRACE_MS + 200);
    expect(hostSeen.map((e) => e.event)).not.toContain("participant:left");
  });

  it("lets everyone back in after a signaling restart (new ids, history kept)", async () => {
    const meeting = await h.createMeeting();
    const guest = h.guest();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const { joined: before } = await h.joined(meeting.id, guest);
    await request(host, "chat:send", { body: "before the restart" });

    await h.restart();
    await expect
      .poll(async () => (await h.db.participants.listForMeeting(meeting.id)).every((p) => p.leftAt !== null))
      .toBe(true);

    const { joined: hostAgain } = await h.joined(meeting.id, meeting.host);
    const { joined: after } = await h.joined(meeting.id, guest, {
      resume: { participantId: before.self.id, resumeToken: before.resumeToken },
    });
    expect(after.resumed).toBe(false);
    expect(after.participants.map((p) => p.id)).toEqual([hostAgain.self.id]);
    expect(after.chatHistory.map((m) => m.body)).toEqual(["before the restart"]);
  });
});
