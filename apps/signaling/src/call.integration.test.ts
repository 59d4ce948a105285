import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nextEvent, rawRequest, recordEvents, request, sleep, startHarness, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"));
});
afterAll(() => h.close());

const offer = { type: "offer" as const, sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" };

describe("signal relay", () => {
  it("relays SDP, ICE and restart hints to the addressed member of the same room only", async () => {
    const one = await h.createMeeting();
    const two = await h.createMeeting();
    const { client: a, joined: aJoined } = await h.joined(one.id, one.host);
    const { client: b, joined: bJoined } = await h.joined(one.id, h.guest("B"));
    const { client: c } = await h.joined(one.id, h.guest("C"));
    const { client: x, joined: xJoined } = await h.joined(two.id, two.host);
    const cSeen = recordEvents(c);
    const xSeen = recordEvents(x);

    const description = nextEvent(b, "signal:description");
    expect(await request(a, "signal:description", { to: bJoined.self.id, description: offer })).toEqual({ ok: true, data: {} });
    expect(await description).toEqual({ from: aJoined.self.id, description: offer });

    // The sender's mid → source map travels next to the SDP, unchanged.
    const sources = { "0": "microphone", "1": "camera", "4": "screen" } as const;
    const withSources = nextEvent(b, "signal:description");
    expect(await request(a, "signal:description", { to: bJoined.self.id, description: offer, sources })).toEqual({ ok: true, data: {} });
    expect(await withSources).toEqual({ from: aJoined.self.id, description: offer, sources });
    const bSeen = recordEvents(b);
    for (const bad of [{ "0": "hologram" }, { "a b": "camera" }, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [String(i), "camera"]))]) {
      expect(await rawRequest(a, "signal:description", { to: bJoined.self.id, description: offer, sources: bad })).toMatchObject({
        ok: false,
        error: { code: "invalid_payload" },
      });
    }

    const candidate = { candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", sdpMid: "0", sdpMLineIndex: 0 };
    const gotCandidate = nextEvent(b, "signal:candidate");
    expect(await request(a, "signal:candidate", { to: bJoined.self.id, candidate })).toMatchObject({ ok: true });
    expect(await gotCandidate).toEqual({ from: aJoined.self.id, candidate });
    const endOfCandidates = nextEvent(b, "signal:candidate");
    expect(await request(a, "signal:candidate", { to: bJoined.self.id, candidate: null })).toMatchObject({ ok: true });
    expect(await endOfCandidates).toEqual({ from: aJoined.self.id, candidate: null });

    const restart = nextEvent(a, "signal:ice-restart");
    expect(await request(b, "signal:ice-restart", { to: aJoined.self.id })).toMatchObject({ ok: true });
    expect(await restart).toEqual({ from: bJoined.self.id });

    // Another room's participant id is unknown here, in every direction.
    for (const [from, to] of [
      [a, xJoined.self.id],
      [x, aJoined.self.id],
    ] as const) {
      expect(await request(from, "signal:description", { to, description: offer })).toMatchObject({
        ok: false,
        error: { code: "not_found" },
      });
      expect(await request(from, "signal:candidate", { to, candidate })).toMatchObject({ ok: false, error: { code: "not_found" } });
      expect(await request(from, "signal:ice-restart", { to })).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await request(a, "signal:description", { to: aJoined.self.id, description: offer })).toMatchObject({
      ok: false,
      error: { code: "invalid_payload" },
    });
    await sleep(50);
    expect(cSeen.filter((e) => e.event.startsWith("signal:"))).toEqual([]);
    expect(bSeen.filter((e) => e.event === "signal:description")).toEqual([]); // rejected sources never reach the peer
    expect(xSeen).toEqual([]);
  });
});

describe("chat", () => {
  it("stores messages, delivers them to the room and returns them as history on rejoin", async () => {
    const meeting = await h.createMeeting();
    const { client: a, joined: aJoined } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Bea");
    const { client: b } = await h.joined(meeting.id, guest);

    const delivered = nextEvent(b, "chat:message");
    const sent = await request(a, "chat:send", { body: "  hello everyone  " });
    expect(sent).toMatchObject({ ok: true, data: { body: "hello everyone", senderName: "Hana Host", senderId: aJoined.self.id } });
    const message = await delivered;
    expect(sent.ok && sent.data).toEqual(message);

    const rows = await h.db.chat.history(meeting.id, 10);
    expect(rows.map((row) => row.body)).toEqual(["hello everyone"]);

    // Reload: the guest leaves and joins again; the history is there, attributed to the live sender.
    await request(b, "room:leave", {});
    b.disconnect();
    const { joined: again } = await h.joined(meeting.id, guest);
    expect(again.chatHistory).toEqual([message]);
  });
});

describe("media, hands and reactions", () => {
  it("broadcasts state changes to the others", async () => {
    const meeting = await h.createMeeting();
    const { client: a, joined: aJoined } = await h.joined(meeting.id, meeting.host);
    const { client: b } = await h.joined(meeting.id, h.guest());

    const updated = nextEvent(b, "participant:updated");
    expect(await request(a, "media:update", { audioMuted: true, screenSharing: true })).toMatchObject({
      ok: true,
      data: { audioMuted: true, videoMuted: false, screenSharing: true },
    });
    expect(await updated).toMatchObject({ id: aJoined.self.id, audioMuted: true, screenSharing: true });

    const raised = nextEvent(b, "participant:updated");
    expect(await request(a, "hand:raise", {})).toMatchObject({ ok: true, data: { handRaised: true } });
    expect(await raised).toMatchObject({ id: aJoined.self.id, handRaised: true });

    const lowered = nextEvent(b, "participant:updated");
    expect(await request(a, "hand:lower", {})).toMatchObject({ ok: true, data: { handRaised: false } });
    expect(await lowered).toMatchObject({ handRaised: false });

    const reaction = nextEvent(b, "reaction:received");
    expect(await request(a, "reaction:send", { reaction: "🎉" })).toEqual({ ok: true, data: {} });
    expect(await reaction).toMatchObject({ from: aJoined.self.id, reaction: "🎉" });
  });
});

describe("host actions", () => {
  it("refuses every host action from a guest and changes nothing", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    const { client: host, joined: hostJoined } = await h.joined(meeting.id, meeting.host);
    const { client: g1, joined: g1Joined } = await h.join(meeting.id, h.guest("G1")).then(async ({ client, ack }) => {
      if (!ack.ok || ack.data.status !== "waiting") throw new Error("expected lobby");
      const admitted = nextEvent(client, "lobby:admitted");
      await request(host, "lobby:admit", { participantId: ack.data.lobbyId });
      return { client, joined: await admitted };
    });
    const hostSeen = recordEvents(host);
    const forbidden = { ok: false, error: { code: "forbidden" } };
    const target = hostJoined.self.id;
    expect(await request(g1, "host:mute", { participantId: target })).toMatchObject(forbidden);
    expect(await request(g1, "host:remove", { participantId: target })).toMatchObject(forbidden);
    expect(await request(g1, "host:lock", {})).toMatchObject(forbidden);
    expect(await request(g1, "host:unlock", {})).toMatchObject(forbidden);
    expect(await request(g1, "host:end", {})).toMatchObject(forbidden);
    expect(await request(g1, "lobby:admit", { participantId: g1Joined.self.id })).toMatchObject(forbidden);
    expect(await request(g1, "lobby:deny", { participantId: g1Joined.self.id })).toMatchObject(forbidden);
    expect(await request(g1, "hand:lower", { participantId: target })).toMatchObject(forbidden);
    await sleep(50);
    expect(hostSeen).toEqual([]);
    // Still unlocked, host unmuted, meeting running: a second host sees exactly that (the same identity joining
    // again would take over the first host's seat).
    const { joined: view } = await h.joined(meeting.id, { ...meeting.host, sub: `${meeting.host.sub}b` });
    expect(view.room.locked).toBe(false);
    expect(view.participants.find((p) => p.id === target)).toMatchObject({ audioMuted: false });
  });

  it("mutes a participant", async () => {
    const meeting = await h.createMeeting();
    const { client: host, joined: hostJoined } = await h.joined(meeting.id, meeting.host);
    const { client: guest, joined: guestJoined } = await h.joined(meeting.id, h.guest());
    const muted = nextEvent(guest, "media:muted");
    expect(await request(host, "host:mute", { participantId: guestJoined.self.id })).toMatchObject({
      ok: true,
      data: { id: guestJoined.self.id, audioMuted: true },
    });
    expect(await muted).toEqual({ by: hostJoined.self.id, kind: "audio" });
  });

  it("removes a guest without blocking: they learn why and may join again", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Rhea");
    const { client: g, joined: gJoined } = await h.joined(meeting.id, guest);
    const removed = nextEvent(g, "room:removed");
    expect(await request(host, "host:remove", { participantId: gJoined.self.id })).toEqual({ ok: true, data: {} });
    expect(await removed).toEqual({ reason: "removed_by_host" });
    expect((await h.server.rooms.get(meeting.id))?.removedSubjects).toEqual([]);
    const again = await h.joined(meeting.id, guest);
    expect(again.joined.self.name).toBe("Rhea");
  });

  it("removes and blocks a guest, who learns why and cannot come back", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest("Rex");
    const { client: g, joined: gJoined } = await h.joined(meeting.id, guest);
    const { client: other } = await h.joined(meeting.id, h.guest("Other"));
    const removed = nextEvent(g, "room:removed");
    const left = nextEvent(other, "participant:left");
    expect(await request(host, "host:remove", { participantId: gJoined.self.id, block: true })).toEqual({ ok: true, data: {} });
    expect(await removed).toEqual({ reason: "blocked_by_host" });
    expect(await left).toEqual({ participantId: gJoined.self.id, reason: "removed" });
    expect(await request(g, "chat:send", { body: "still here?" })).toMatchObject({ ok: false, error: { code: "not_in_room" } });
    expect((await h.join(meeting.id, guest)).ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await expect
      .poll(async () => (await h.db.participants.listForMeeting(meeting.id)).find((p) => p.displayName === "Rex")?.leftAt)
      .toBeInstanceOf(Date);
  });

  it("ends the meeting for everyone; neither old nor fresh guest tokens reopen it until a host is back", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const guest = h.guest();
    const staleToken = await h.token(meeting.id, guest);
    const { client: waiting } = await h.join(meeting.id, h.guest());
    const hostEnded = nextEvent(host, "room:ended");
    const lobbyEnded = nextEvent(waiting, "lobby:denied");
    expect(await request(host, "host:end", {})).toEqual({ ok: true, data: {} });
    expect(await hostEnded).toEqual({ reason: "ended_by_host" });
    expect(await lobbyEnded).toEqual({ reason: "meeting_ended" });
    expect((await h.join(meeting.id, guest, { token: staleToken })).ack).toMatchObject({
      ok: false,
      error: { code: "meeting_ended" },
    });
    await expect
      .poll(async () => (await h.db.participants.listForMeeting(meeting.id)).every((p) => p.leftAt !== null))
      .toBe(true);
    // A guest can always mint a fresh token: that must not reopen the meeting either.
    await sleep(1_100); // tokens carry whole seconds
    expect((await h.join(meeting.id, h.guest("Fresh"))).ack).toMatchObject({ ok: false, error: { code: "meeting_ended" } });
    // The host starts it again: guests may come back (through the lobby, as before).
    await h.joined(meeting.id, meeting.host);
    expect((await h.join(meeting.id, h.guest("Fresh"))).ack).toMatchObject({ ok: true, data: { status: "waiting" } });
  });
});
