import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PROTOCOL_VERSION } from "@parley/protocol";
import { hashPasscode } from "@parley/join-auth";
import { nextEvent, recordEvents, request, sleep, startHarness, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), { roomCapacity: 3 });
});
afterAll(() => h.close());

const media = { audioMuted: false, videoMuted: false };

describe("room:join authentication", () => {
  it("accepts a valid token and returns the room", async () => {
    const meeting = await h.createMeeting();
    const { joined } = await h.joined(meeting.id, meeting.host);
    expect(joined.self).toMatchObject({ name: "Hana Host", role: "host", audioMuted: false, handRaised: false });
    expect(joined.room).toMatchObject({ meetingId: meeting.id, topology: "mesh", locked: false, capacity: 3 });
    expect(joined.participants).toEqual([]);
    expect(joined.resumed).toBe(false);
    await expect
      .poll(() => h.db.participants.listForMeeting(meeting.id))
      .toEqual([expect.objectContaining({ displayName: "Hana Host", role: "HOST", leftAt: null })]);
  });

  it("refuses expired, tampered, wrong-meeting and unknown-meeting tokens", async () => {
    const meeting = await h.createMeeting();
    const other = await h.createMeeting();
    const guest = h.guest();
    const client = await h.connect();
    const now = Math.floor(Date.now() / 1000);
    const join = (token: string, meetingId = meeting.id) =>
      request(client, "room:join", { token, meetingId, protocolVersion: PROTOCOL_VERSION, media });

    const expired = await join(await h.token(meeting.id, guest, { iat: now - 400, exp: now - 100 }));
    expect(expired).toMatchObject({ ok: false, error: { code: "token_expired" } });

    const valid = await h.token(meeting.id, guest);
    const [head, , signature] = valid.split(".");
    const forgedBody = Buffer.from(
      JSON.stringify({ meetingId: meeting.id, name: "Mallory", role: "host", sub: guest.sub, iss: "parley-web", aud: "parley-signaling", iat: now, exp: now + 300 }),
    ).toString("base64url");
    expect(await join(`${head}.${forgedBody}.${signature}`)).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await join(await h.token(meeting.id, guest, { secret: "another-secret-another-secret-1234" }))).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    // A valid token for another meeting cannot open this one.
    expect(await join(await h.token(other.id, guest))).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const ghost = "0b7c1f52-8d6a-4b0e-9f3e-2c1d4e5f6a7b";
    expect(await join(await h.token(ghost, guest), ghost)).toMatchObject({ ok: false, error: { code: "not_found" } });

    // None of it let the socket in, and the same socket can still join properly.
    expect(await request(client, "chat:send", { body: "hi" })).toMatchObject({ ok: false, error: { code: "not_in_room" } });
    expect(await join(valid)).toMatchObject({ ok: true, data: { status: "joined" } });
  });

  it("admits once per token: a replayed token (copied link, second seat) is refused and changes nothing", async () => {
    const meeting = await h.createMeeting();
    await h.joined(meeting.id, meeting.host);
    const guest = h.guest();
    const token = await h.token(meeting.id, guest);
    const payload = { token, meetingId: meeting.id, protocolVersion: PROTOCOL_VERSION, media };
    const first = await h.connect();
    expect(await request(first, "room:join", payload)).toMatchObject({ ok: true, data: { status: "joined" } });
    // Attendance records are tied to their members just after the answers: compare the room once that is done.
    await expect.poll(async () => (await h.server.rooms.get(meeting.id))?.members.every((m) => m.attendanceId !== null)).toBe(true);
    const before = await h.server.rooms.get(meeting.id);

    const replay = await h.connect();
    expect(await request(replay, "room:join", payload)).toMatchObject({ ok: false, error: { code: "unauthorized", message: expect.stringContaining("already used") } });
    expect(await h.server.rooms.get(meeting.id)).toEqual(before);
    // After the first socket leaves, the same token still cannot come back; a fresh one can.
    first.disconnect();
    expect(await request(replay, "room:join", payload)).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    expect(await request(replay, "room:join", { ...payload, token: await h.token(meeting.id, guest) })).toMatchObject({ ok: true });
  });

  it("refuses a mismatched protocol version with incompatible", async () => {
    const meeting = await h.createMeeting();
    const { ack } = await h.join(meeting.id, meeting.host, { protocolVersion: PROTOCOL_VERSION + 1 });
    expect(ack).toMatchObject({ ok: false, error: { code: "incompatible" } });
  });

  it("refuses cancelled meetings", async () => {
    const meeting = await h.createMeeting();
    expect(await h.db.meetings.cancelAsHost(meeting.host.sub.slice("user:".length), meeting.id)).toMatchObject({ ok: true });
    const { ack } = await h.join(meeting.id, h.guest());
    expect(ack).toMatchObject({ ok: false, error: { code: "meeting_cancelled" } });
  });

  it("refuses a second join on the same socket", async () => {
    const meeting = await h.createMeeting();
    const { client } = await h.joined(meeting.id, meeting.host);
    const again = await request(client, "room:join", {
      token: await h.token(meeting.id, meeting.host),
      meetingId: meeting.id,
      protocolVersion: PROTOCOL_VERSION,
      media,
    });
    expect(again).toMatchObject({ ok: false, error: { code: "already_joined" } });
  });
});

describe("passcode", () => {
  it("asks guests for it, refuses a wrong one, lets hosts skip it", async () => {
    const meeting = await h.createMeeting({ passcodeHash: await hashPasscode("4242") });
    expect((await h.join(meeting.id, h.guest())).ack).toMatchObject({ ok: false, error: { code: "passcode_required" } });
    expect((await h.join(meeting.id, h.guest(), { passcode: "0000" })).ack).toMatchObject({
      ok: false,
      error: { code: "passcode_invalid" },
    });
    expect((await h.join(meeting.id, h.guest(), { passcode: "4242" })).ack).toMatchObject({ ok: true });
    expect((await h.join(meeting.id, meeting.host)).ack).toMatchObject({ ok: true });
  });
});

describe("capacity and lock", () => {
  it("answers room_full beyond the capacity and lets someone in once a place frees up", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    await h.joined(meeting.id, h.guest("A"));
    const { client: b } = await h.joined(meeting.id, h.guest("B"));
    const watcher = recordEvents(host);
    expect((await h.join(meeting.id, h.guest("C"))).ack).toMatchObject({ ok: false, error: { code: "room_full" } });
    await sleep(50);
    expect(watcher.filter((e) => e.event === "participant:joined")).toEqual([]);

    expect(await request(b, "room:leave", {})).toEqual({ ok: true, data: {} });
    expect((await h.join(meeting.id, h.guest("C"))).ack).toMatchObject({ ok: true });
  });

  it("keeps guests out of a locked room; hosts still get in; unlock lets guests in", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const { client: guest } = await h.joined(meeting.id, h.guest());
    const update = nextEvent(guest, "room:updated");
    expect(await request(host, "host:lock", {})).toMatchObject({ ok: true, data: { locked: true } });
    expect(await update).toMatchObject({ locked: true });
    expect((await h.join(meeting.id, h.guest())).ack).toMatchObject({ ok: false, error: { code: "room_locked" } });
    // A second host (the same identity again would only take over the first host's seat).
    expect((await h.join(meeting.id, { ...meeting.host, sub: `${meeting.host.sub}b` })).ack).toMatchObject({ ok: true });
    expect(await request(host, "host:unlock", {})).toMatchObject({ ok: true, data: { locked: false } });
    // Capacity 3 is now reached (two hosts + guest): that is the next refusal.
    expect((await h.join(meeting.id, h.guest())).ack).toMatchObject({ ok: false, error: { code: "room_full" } });
  });
});

describe("lobby", () => {
  it("keeps a guest waiting until a host admits them", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    // No host yet: the guest waits.
    const { client: guest, ack } = await h.join(meeting.id, h.guest("Wendy"));
    expect(ack).toMatchObject({ ok: true, data: { status: "waiting" } });
    if (!ack.ok || ack.data.status !== "waiting") throw new Error("not waiting");
    const lobbyId = ack.data.lobbyId;
    expect(await request(guest, "chat:send", { body: "let me in" })).toMatchObject({ ok: false, error: { code: "not_in_room" } });

    const { client: host, joined: hostJoined } = await h.joined(meeting.id, meeting.host);
    expect(hostJoined.lobby).toEqual([expect.objectContaining({ id: lobbyId, name: "Wendy" })]);
    expect(hostJoined.participants).toEqual([]);

    const admitted = nextEvent(guest, "lobby:admitted");
    const joinedEvent = nextEvent(host, "participant:joined");
    const lobbyUpdate = nextEvent(host, "lobby:updated");
    expect(await request(host, "lobby:admit", { participantId: lobbyId })).toEqual({ ok: true, data: {} });
    const welcome = await admitted;
    expect(welcome.self).toMatchObject({ id: lobbyId, name: "Wendy", role: "guest" });
    expect(welcome.participants.map((p) => p.id)).toEqual([hostJoined.self.id]);
    expect(await joinedEvent).toMatchObject({ id: lobbyId });
    expect(await lobbyUpdate).toEqual({ waiting: [] });
    expect(await request(guest, "chat:send", { body: "thanks" })).toMatchObject({ ok: true });
  });

  it("lets hosts deny, refuses lobby actions from guests, and admits hosts directly", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const waitingUpdate = nextEvent(host, "lobby:updated");
    const { client: waiting, ack } = await h.join(meeting.id, h.guest("Denny"));
    if (!ack.ok || ack.data.status !== "waiting") throw new Error("not waiting");
    expect((await waitingUpdate).waiting.map((entry) => entry.id)).toEqual([ack.data.lobbyId]);

    expect(await request(waiting, "lobby:admit", { participantId: ack.data.lobbyId })).toMatchObject({
      ok: false,
      error: { code: "not_in_room" },
    });
    const denied = nextEvent(waiting, "lobby:denied");
    expect(await request(host, "lobby:deny", { participantId: ack.data.lobbyId })).toEqual({ ok: true, data: {} });
    expect(await denied).toEqual({ reason: "denied_by_host" });
    expect(await request(host, "lobby:admit", { participantId: ack.data.lobbyId })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
  });

  it("drops a waiting guest from the queue when their socket goes", async () => {
    const meeting = await h.createMeeting({ lobbyEnabled: true });
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const queued = nextEvent(host, "lobby:updated");
    const { client: waiting } = await h.join(meeting.id, h.guest());
    expect((await queued).waiting).toHaveLength(1);
    const update = nextEvent(host, "lobby:updated");
    waiting.disconnect();
    expect(await update).toEqual({ waiting: [] });
  });
});

describe("health", () => {
  it("answers /healthz and /readyz", async () => {
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(`${h.url}/nope`)).status).toBe(404);
  });
});
