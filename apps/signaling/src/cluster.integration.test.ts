import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { SignalingConfig } from "./config";
import { nextEvent, recordEvents, request, sleep, startHarness, type Client, type Harness } from "./testing/harness";
import { startRedis, type RunningRedis } from "@parley/test-support";
import { NODE_TTL_MS } from "./rooms/grace-sweeper";

// Two (or three) signaling nodes on different ports, one real redis-server, one real Postgres.
const GRACE_MS = 1500;
let redis: RunningRedis;
let a: Harness;
let b: Harness;
let clusterConfig: Partial<SignalingConfig>;

beforeAll(async () => {
  redis = await startRedis();
  clusterConfig = { roomCapacity: 3, reconnectGraceMs: GRACE_MS, redis: { url: redis.url, keyPrefix: `test-${randomUUID()}` } };
  a = await startHarness(inject("databaseUrl"), clusterConfig);
  b = await startHarness(inject("databaseUrl"), clusterConfig);
});
afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await redis?.stop();
});

const offer = { type: "offer" as const, sdp: "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n" };
const candidate = { candidate: "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", sdpMid: "0", sdpMLineIndex: 0 };
const count = (seen: Array<{ event: string }>, event: string) => seen.filter((e) => e.event === event).length;

describe("two nodes, one meeting", () => {
  it("runs on different ports", () => {
    expect(a.url).not.toBe(b.url);
  });

  it("shows participants on different nodes to each other and relays SDP and ICE between them", async () => {
    const meeting = await a.createMeeting();
    const { client: host, joined: hostJoined } = await a.joined(meeting.id, meeting.host);
    const joinedSeen = nextEvent(host, "participant:joined");
    const { client: guest, joined: guestJoined } = await b.joined(meeting.id, b.guest("Bo"));
    expect(guestJoined.participants.map((p) => p.id)).toEqual([hostJoined.self.id]);
    expect(await joinedSeen).toMatchObject({ id: guestJoined.self.id, name: "Bo" });

    const description = nextEvent(guest, "signal:description");
    expect(await request(host, "signal:description", { to: guestJoined.self.id, description: offer })).toEqual({ ok: true, data: {} });
    expect(await description).toEqual({ from: hostJoined.self.id, description: offer });

    const gotCandidate = nextEvent(guest, "signal:candidate");
    expect(await request(host, "signal:candidate", { to: guestJoined.self.id, candidate })).toMatchObject({ ok: true });
    expect(await gotCandidate).toEqual({ from: hostJoined.self.id, candidate });

    const answer = nextEvent(host, "signal:description");
    await request(guest, "signal:description", { to: hostJoined.self.id, description: { type: "answer", sdp: "v=0" } });
    expect(await answer).toMatchObject({ from: guestJoined.self.id, description: { type: "answer" } });

    const restart = nextEvent(host, "signal:ice-restart");
    expect(await request(guest, "signal:ice-restart", { to: hostJoined.self.id })).toMatchObject({ ok: true });
    expect(await restart).toEqual({ from: guestJoined.self.id });

    const updated = nextEvent(host, "participant:updated");
    expect(await request(guest, "media:update", { videoMuted: true })).toMatchObject({ ok: true });
    expect(await updated).toMatchObject({ id: guestJoined.self.id, videoMuted: true });
    const raised = nextEvent(host, "participant:updated");
    await request(guest, "hand:raise", {});
    expect(await raised).toMatchObject({ id: guestJoined.self.id, handRaised: true });
    // The room state is shared: a third participant on node A sees the guest's hand and camera.
    const { joined: late } = await a.joined(meeting.id, a.guest("Late"));
    expect(late.participants.find((p) => p.id === guestJoined.self.id)).toMatchObject({ handRaised: true, videoMuted: true });
  });

  it("delivers a chat message once to everyone, whichever node they are on", async () => {
    const meeting = await a.createMeeting();
    const { client: sender } = await a.joined(meeting.id, meeting.host);
    const { client: sameNode } = await a.joined(meeting.id, a.guest("A2"));
    const { client: otherNode } = await b.joined(meeting.id, b.guest("B1"));
    const seen = [recordEvents(sender), recordEvents(sameNode), recordEvents(otherNode)] as const;

    const sent = await request(sender, "chat:send", { body: "hello both nodes" });
    expect(sent).toMatchObject({ ok: true, data: { body: "hello both nodes" } });
    await expect.poll(() => count(seen[2], "chat:message")).toBe(1);
    await sleep(150);
    expect(seen.map((s) => count(s, "chat:message"))).toEqual([0, 1, 1]);
    expect(seen[2].find((e) => e.event === "chat:message")?.args[0]).toEqual(sent.ok && sent.data);
  });

  it("lets a host on node A mute and remove a guest on node B", async () => {
    const meeting = await a.createMeeting();
    const { client: host, joined: hostJoined } = await a.joined(meeting.id, meeting.host);
    const guest = b.guest("Rex");
    const { client: g, joined: gJoined } = await b.joined(meeting.id, guest);
    const { client: other } = await b.joined(meeting.id, b.guest("Other"));

    const muted = nextEvent(g, "media:muted");
    expect(await request(host, "host:mute", { participantId: gJoined.self.id })).toMatchObject({ ok: true, data: { audioMuted: true } });
    expect(await muted).toEqual({ by: hostJoined.self.id, kind: "audio" });

    const removed = nextEvent(g, "room:removed");
    const left = nextEvent(other, "participant:left");
    expect(await request(host, "host:remove", { participantId: gJoined.self.id, block: true })).toEqual({ ok: true, data: {} });
    expect(await removed).toEqual({ reason: "blocked_by_host" });
    expect(await left).toEqual({ participantId: gJoined.self.id, reason: "removed" });
    expect(await request(g, "chat:send", { body: "still here?" })).toMatchObject({ ok: false, error: { code: "not_in_room" } });
    // Removed from the room for every node: neither lets the same identity back in.
    expect((await b.join(meeting.id, guest)).ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await a.join(meeting.id, guest)).ack).toMatchObject({ ok: false, error: { code: "forbidden" } });
    await expect
      .poll(async () => (await a.db.participants.listForMeeting(meeting.id)).find((p) => p.displayName === "Rex")?.leftAt)
      .toBeInstanceOf(Date);
  });

  it("admits a guest waiting on node B from a host on node A", async () => {
    const meeting = await a.createMeeting({ lobbyEnabled: true });
    const { client: host } = await a.joined(meeting.id, meeting.host);
    const lobbyUpdated = nextEvent(host, "lobby:updated");
    const { client: waiting, ack } = await b.join(meeting.id, b.guest("Wendy"));
    if (!ack.ok || ack.data.status !== "waiting") throw new Error("expected lobby");
    expect(await lobbyUpdated).toMatchObject({ waiting: [{ id: ack.data.lobbyId, name: "Wendy" }] });

    const admitted = nextEvent(waiting, "lobby:admitted");
    const joined = nextEvent(host, "participant:joined");
    expect(await request(host, "lobby:admit", { participantId: ack.data.lobbyId })).toEqual({ ok: true, data: {} });
    const admission = await admitted;
    expect(admission.self.id).toBe(ack.data.lobbyId);
    expect(await joined).toMatchObject({ id: ack.data.lobbyId });

    // The admitted guest's socket (on B) is in the call: it chats and receives broadcasts.
    const chat = nextEvent(host, "chat:message");
    expect(await request(waiting, "chat:send", { body: "thanks" })).toMatchObject({ ok: true });
    expect(await chat).toMatchObject({ body: "thanks", senderId: ack.data.lobbyId });
    const lock = nextEvent(waiting, "room:updated");
    await request(host, "host:lock", {});
    expect(await lock).toMatchObject({ locked: true });
  });

  it("a host on node A promotes a guest on node B: the co-host hears the lobby and admits; demoted, it no longer hears it", async () => {
    const meeting = await a.createMeeting({ lobbyEnabled: true });
    const { client: host } = await a.joined(meeting.id, meeting.host);
    const { client: helper, ack: helperAck } = await b.join(meeting.id, b.guest("Hel"));
    if (!helperAck.ok || helperAck.data.status !== "waiting") throw new Error("expected lobby");
    const helperIn = nextEvent(helper, "lobby:admitted");
    await request(host, "lobby:admit", { participantId: helperAck.data.lobbyId });
    const helperId = (await helperIn).self.id;
    const queueNow = nextEvent(helper, "lobby:updated");
    expect(await request(host, "host:promote", { participantId: helperId })).toMatchObject({ ok: true, data: { role: "cohost" } });
    expect(await queueNow).toEqual({ waiting: [] });

    const heard = nextEvent(helper, "lobby:updated");
    const { client: knocker, ack } = await a.join(meeting.id, a.guest("Kai"));
    if (!ack.ok || ack.data.status !== "waiting") throw new Error("expected lobby");
    expect(await heard).toMatchObject({ waiting: [{ name: "Kai" }] });
    const admitted = nextEvent(knocker, "lobby:admitted");
    expect(await request(helper, "lobby:admit", { participantId: ack.data.lobbyId })).toEqual({ ok: true, data: {} });
    expect((await admitted).self.role).toBe("guest");

    expect(await request(host, "host:demote", { participantId: helperId })).toMatchObject({ ok: true, data: { role: "guest" } });
    await sleep(100);
    const helperSeen = recordEvents(helper);
    await request(knocker, "room:leave", {}); // the room holds 3: make space in it for a lobby again
    const hostHears = nextEvent(host, "lobby:updated");
    expect((await b.join(meeting.id, b.guest("Late"))).ack).toMatchObject({ ok: true, data: { status: "waiting" } });
    await hostHears;
    await sleep(150);
    expect(count(helperSeen, "lobby:updated")).toBe(0);
  });

  it("enforces the lock and the capacity across nodes", async () => {
    const locked = await a.createMeeting();
    const { client: host } = await a.joined(locked.id, locked.host);
    expect(await request(host, "host:lock", {})).toMatchObject({ ok: true, data: { locked: true } });
    expect((await b.join(locked.id, b.guest())).ack).toMatchObject({ ok: false, error: { code: "room_locked" } });
    await request(host, "host:unlock", {});
    expect((await b.join(locked.id, b.guest())).ack).toMatchObject({ ok: true, data: { status: "joined" } });

    // Capacity 3: six guests race for the places through both nodes at once; exactly three get in.
    const full = await a.createMeeting();
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).join(full.id, a.guest(`Racer ${i}`)).then((r) => r.ack)),
    );
    expect(attempts.filter((ack) => ack.ok)).toHaveLength(3);
    expect(attempts.filter((ack) => !ack.ok)).toEqual(Array.from({ length: 3 }, () => expect.objectContaining({ error: expect.objectContaining({ code: "room_full" }) })));
    expect((await b.join(full.id, full.host)).ack).toMatchObject({ ok: false, error: { code: "room_full" } });
  });

  it("ends the meeting for participants on every node", async () => {
    const meeting = await a.createMeeting();
    const { client: host } = await a.joined(meeting.id, meeting.host);
    const guest = b.guest();
    const staleToken = await b.token(meeting.id, guest);
    const { client: onB } = await b.joined(meeting.id, guest);
    const ended = nextEvent(onB, "room:ended");
    expect(await request(host, "host:end", {})).toEqual({ ok: true, data: {} });
    expect(await ended).toEqual({ reason: "ended_by_host" });
    expect((await b.join(meeting.id, guest, { token: staleToken })).ack).toMatchObject({ ok: false, error: { code: "meeting_ended" } });
  });
});

describe("graceful shutdown of one node", () => {
  it("hands its participants to the other node: same ids, no leave/join, relays keep working", async () => {
    const c = await startHarness(inject("databaseUrl"), clusterConfig);
    try {
      const meeting = await b.createMeeting({ lobbyEnabled: true });
      const { client: host, joined: hostJoined } = await b.joined(meeting.id, meeting.host);
      const stayer = c.guest("Stayer");
      const leaver = c.guest("Leaver");
      const onC = { stayer: await admitVia(c, host, meeting.id, stayer), leaver: await admitVia(c, host, meeting.id, leaver) };
      const hostSeen = recordEvents(host);

      const dropped = [onC.stayer.client, onC.leaver.client].map(
        (client) => new Promise<string>((resolve) => client.once("disconnect", (reason) => resolve(reason))),
      );
      await c.server.close();
      // "io server disconnect": socket.io clients are told the server let go, and the webrtc-client reconnects.
      expect(await Promise.all(dropped)).toEqual(["io server disconnect", "io server disconnect"]);
      // c no longer accepts connections.
      await expect(c.connect()).rejects.toThrow();

      const { client: back, joined: resumed } = await b.joined(meeting.id, stayer, {
        resume: { participantId: onC.stayer.joined.self.id, resumeToken: onC.stayer.joined.resumeToken },
      });
      expect(resumed).toMatchObject({ resumed: true, self: { id: onC.stayer.joined.self.id } });
      expect(resumed.participants.map((p) => p.id).sort()).toEqual([hostJoined.self.id, onC.leaver.joined.self.id].sort());

      const description = nextEvent(back, "signal:description");
      await request(host, "signal:description", { to: resumed.self.id, description: offer });
      expect(await description).toMatchObject({ from: hostJoined.self.id });

      // The one who does not come back loses the place after the grace period; a surviving node announces it once.
      const left = nextEvent(host, "participant:left", GRACE_MS * 4);
      expect(await left).toEqual({ participantId: onC.leaver.joined.self.id, reason: "disconnected" });
      await sleep(300);
      expect(hostSeen.filter((e) => e.event === "participant:left")).toHaveLength(1);
      expect(hostSeen.map((e) => e.event)).not.toContain("participant:joined");
      const attendance = await b.db.participants.listForMeeting(meeting.id);
      expect(attendance.find((p) => p.displayName === "Stayer")?.leftAt).toBeNull();
      expect(attendance.find((p) => p.displayName === "Leaver")?.leftAt).toBeInstanceOf(Date);
    } finally {
      await c.close();
    }
  });
});

describe("a node that dies without shutting down", () => {
  it("is noticed by the others: its members count as reconnecting, then leave after the grace period", async () => {
    const c = await startHarness(inject("databaseUrl"), clusterConfig);
    try {
      const meeting = await a.createMeeting();
      const { client: host } = await a.joined(meeting.id, meeting.host);
      const { joined: ghost } = await c.joined(meeting.id, c.guest("Ghost"));
      const left = nextEvent(host, "participant:left", NODE_TTL_MS + GRACE_MS + 4_000);
      const crashedAt = Date.now();
      await c.server.abort(); // no hand-over: the room still shows the guest as connected
      expect(await left).toEqual({ participantId: ghost.self.id, reason: "disconnected" });
      // Not before the node's heartbeat ran out and the grace period after it.
      expect(Date.now() - crashedAt).toBeGreaterThanOrEqual(NODE_TTL_MS + GRACE_MS - 1_000);
      const room = await a.server.rooms.get(meeting.id);
      expect(room?.members.map((m) => m.name)).toEqual(["Hana Host"]);
    } finally {
      await c.close();
    }
  }, 20_000);
});

describe("health and readiness", () => {
  it("reports ready while Redis answers and unavailable when it is gone", async () => {
    const ownRedis = await startRedis();
    const d = await startHarness(inject("databaseUrl"), { redis: { url: ownRedis.url, keyPrefix: "readiness" } });
    try {
      expect((await fetch(`${d.url}/readyz`)).status).toBe(200);
      await ownRedis.stop();
      const response = await fetch(`${d.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "unavailable", failed: ["rooms"] });
      expect((await fetch(`${d.url}/healthz`)).status).toBe(200);
    } finally {
      await d.close();
      await ownRedis.stop();
    }
  });
});

/** Join through the lobby on `node` and be admitted by `host`. */
async function admitVia(node: Harness, host: Client, meetingId: string, person: ReturnType<Harness["guest"]>) {
  const { client, ack } = await node.join(meetingId, person);
  if (!ack.ok || ack.data.status !== "waiting") throw new Error("expected lobby");
  const admitted = nextEvent(client, "lobby:admitted");
  await request(host, "lobby:admit", { participantId: ack.data.lobbyId });
  return { client, joined: await admitted };
}
