import { ADMIN_TOKEN_AUDIENCE, JOIN_TOKEN_ISSUER } from "@parley/join-auth";
import { ADMIN_END_MEETING_PATH, type RecordingState, type RoomState } from "@parley/protocol";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TEST_SECRET, startHarness, type Client, type Harness } from "../testing/harness";

/** Recording control on a real server with a real database. The SFU node is configured but down: control needs no media. */
const unreachableNode = {
  id: "janus-down",
  url: "ws://127.0.0.1:9",
  adminUrl: "ws://127.0.0.1:9",
  apiSecret: "api-secret-0123456789",
  adminSecret: "admin-secret-0123456789",
  roomAdminKey: "room-admin-key-0123456789",
};

const next = <E extends "recording:state" | "room:updated">(client: Client, event: E) =>
  new Promise<E extends "recording:state" ? RecordingState : RoomState>((resolve) => client.once(event, resolve as never));

describe("recording control", () => {
  let sfu: Harness;
  let meshOnly: Harness;
  let sfuWithoutDir: Harness;
  beforeAll(async () => {
    sfu = await startHarness(inject("databaseUrl"), {
      sfu: { nodes: [unreachableNode], meshMax: 4, probeIntervalMs: 60_000 },
      recordingsDir: "/tmp/parley-recordings-never-written",
      reconnectGraceMs: 500,
    });
    meshOnly = await startHarness(inject("databaseUrl"));
    sfuWithoutDir = await startHarness(inject("databaseUrl"), { sfu: { nodes: [unreachableNode], meshMax: 4, probeIntervalMs: 60_000 } });
  });
  afterAll(async () => {
    await sfu?.close();
    await meshOnly?.close();
    await sfuWithoutDir?.close();
  });

  it("host starts and stops; everyone is told, the mesh moves to the SFU, later joiners see it, metadata is stored", async () => {
    const { id, host } = await sfu.createMeeting();
    const hostIn = await sfu.joined(id, host);
    const guest = await sfu.joined(id, sfu.guest("Ada"));
    expect(hostIn.joined.room).toMatchObject({ topology: "mesh" });
    expect(hostIn.joined.room.recording).toBeUndefined();

    const seen = [next(guest.client, "recording:state"), next(guest.client, "room:updated")] as const;
    const started = await hostIn.client.emitWithAck("recording:start", { meetingId: id });
    expect(started).toMatchObject({ ok: true, data: { meetingId: id, recording: true } });
    const state = started.ok ? started.data : null;
    expect(await seen[0]).toEqual(state);
    expect(await seen[1]).toMatchObject({ recording: true, topology: "sfu" });

    const late = await sfu.joined(id, sfu.guest("Bert"));
    expect(late.joined.room).toMatchObject({ recording: true, topology: "sfu" });
    const stored = await sfu.db.recordings.findById(state!.recordingId!);
    expect(stored).toMatchObject({ meetingId: id, state: "RECORDING", startedById: host.sub.replace(/^user:/, ""), startedByName: host.name });

    expect(await hostIn.client.emitWithAck("recording:start", { meetingId: id })).toMatchObject({ ok: false, error: { code: "recording_active" } });
    expect(await sfu.db.recordings.listForMeeting(id)).toHaveLength(1);

    const stoppedSeen = next(late.client, "recording:state");
    expect(await hostIn.client.emitWithAck("recording:stop", { meetingId: id })).toMatchObject({ ok: true, data: { recording: false, recordingId: null } });
    expect(await stoppedSeen).toMatchObject({ recording: false });
    expect(await sfu.db.recordings.findById(state!.recordingId!)).toMatchObject({ state: "PROCESSING", stoppedByName: host.name });
    expect(await hostIn.client.emitWithAck("recording:stop", { meetingId: id })).toMatchObject({ ok: false, error: { code: "not_recording" } });
    // It stays on the SFU (no flapping back to a mesh mid-call).
    expect((await sfu.joined(id, sfu.guest("Cleo"))).joined.room).toMatchObject({ topology: "sfu" });
  });

  it("people waiting in the lobby hear that recording started and stopped (the state only, never the room)", async () => {
    const { id, host } = await sfu.createMeeting({ lobbyEnabled: true });
    const hostIn = await sfu.joined(id, host);
    const waiting = await sfu.join(id, sfu.guest("Wanda"));
    expect(waiting.ack).toMatchObject({ ok: true, data: { status: "waiting" } });
    const rooms: unknown[] = [];
    waiting.client.on("room:updated", (room) => rooms.push(room));

    const started = next(waiting.client, "recording:state");
    expect(await hostIn.client.emitWithAck("recording:start", { meetingId: id })).toMatchObject({ ok: true });
    expect(await started).toMatchObject({ meetingId: id, recording: true });
    const stopped = next(waiting.client, "recording:state");
    expect(await hostIn.client.emitWithAck("recording:stop", { meetingId: id })).toMatchObject({ ok: true });
    expect(await stopped).toMatchObject({ meetingId: id, recording: false });
    expect(rooms).toEqual([]);
  });

  it("refuses a guest, another meeting, and a server without an SFU, changing nothing", async () => {
    const { id, host } = await sfu.createMeeting();
    const other = await sfu.createMeeting();
    const hostIn = await sfu.joined(id, host);
    const guest = await sfu.joined(id, sfu.guest("Gus"));
    expect(await guest.client.emitWithAck("recording:start", { meetingId: id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await hostIn.client.emitWithAck("recording:start", { meetingId: other.id })).toMatchObject({ ok: false, error: { code: "not_in_room" } });
    expect(await sfu.db.recordings.listForMeeting(id)).toEqual([]);
    expect(await sfu.db.recordings.listForMeeting(other.id)).toEqual([]);

    await hostIn.client.emitWithAck("recording:start", { meetingId: id });
    expect(await guest.client.emitWithAck("recording:stop", { meetingId: id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await sfu.db.recordings.listForMeeting(id))[0]?.state).toBe("RECORDING");

    const mesh = await meshOnly.createMeeting();
    const meshHost = await meshOnly.joined(mesh.id, mesh.host);
    expect(await meshHost.client.emitWithAck("recording:start", { meetingId: mesh.id })).toMatchObject({
      ok: false,
      error: { code: "recording_unavailable" },
    });
    expect(await meshOnly.db.recordings.listForMeeting(mesh.id)).toEqual([]);

    // An SFU but no RECORDINGS_DIR: nowhere to put recordings.
    const noDir = await sfuWithoutDir.createMeeting();
    const noDirHost = await sfuWithoutDir.joined(noDir.id, noDir.host);
    expect(await noDirHost.client.emitWithAck("recording:start", { meetingId: noDir.id })).toMatchObject({ ok: false, error: { code: "recording_unavailable" } });
    expect(await sfuWithoutDir.db.recordings.listForMeeting(noDir.id)).toEqual([]);
  });

  /** Polls the stored recording until `state` (the stop paths finish recordings in the background). */
  async function storedState(id: string, state: string) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const stored = await sfu.db.recordings.findById(id);
      if (stored?.state === state || Date.now() > deadline) return stored;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function recordingMeeting() {
    const { id, host } = await sfu.createMeeting();
    const hostIn = await sfu.joined(id, host);
    const guest = await sfu.joined(id, sfu.guest("Gus"));
    const started = await hostIn.client.emitWithAck("recording:start", { meetingId: id });
    const recordingId = started.ok ? started.data.recordingId! : "";
    expect((await sfu.db.recordings.findById(recordingId))?.state).toBe("RECORDING");
    return { id, host, hostIn, guest, recordingId };
  }

  it("the meeting ended by its host stops the recording: stopped by the host, processing", async () => {
    const { hostIn, recordingId, host } = await recordingMeeting();
    expect(await hostIn.client.emitWithAck("host:end", {})).toMatchObject({ ok: true });
    expect(await storedState(recordingId, "PROCESSING")).toMatchObject({ state: "PROCESSING", stoppedByName: host.name });
  });

  it("the meeting ended by an administrator stops the recording", async () => {
    const { id, recordingId } = await recordingMeeting();
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ meetingId: id, action: "end-meeting" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("admin:u1")
      .setIssuer(JOIN_TOKEN_ISSUER)
      .setAudience(ADMIN_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 30)
      .sign(new TextEncoder().encode(TEST_SECRET));
    const response = await fetch(`${sfu.url}${ADMIN_END_MEETING_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ meetingId: id }),
    });
    expect(await response.json()).toEqual({ ended: true });
    expect(await storedState(recordingId, "PROCESSING")).toMatchObject({ state: "PROCESSING", stoppedByName: "An administrator" });
  });

  it("the last host leaving stops the recording; those who stay are told", async () => {
    const { id, hostIn, guest, recordingId, host } = await recordingMeeting();
    const told = next(guest.client, "recording:state");
    expect(await hostIn.client.emitWithAck("room:leave", {})).toMatchObject({ ok: true });
    expect(await told).toEqual({ meetingId: id, recording: false, recordingId: null, startedAt: null });
    expect(await storedState(recordingId, "PROCESSING")).toMatchObject({ state: "PROCESSING", stoppedByName: host.name });
    expect((await sfu.joined(id, sfu.guest("Late"))).joined.room.recording).toBeUndefined();
  });

  it("a host who drops keeps the recording running through the grace period; when it runs out, it stops", async () => {
    const { id, host, hostIn, guest, recordingId } = await recordingMeeting();
    const told = next(guest.client, "recording:state");
    hostIn.client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await sfu.db.recordings.findById(recordingId))?.state).toBe("RECORDING");
    expect(await told).toMatchObject({ meetingId: id, recording: false });
    expect(await storedState(recordingId, "PROCESSING")).toMatchObject({ state: "PROCESSING", stoppedByName: host.name });
  });

  it("a co-host controls recording, and keeps it running when the host leaves", async () => {
    const { id, hostIn, guest, recordingId } = await recordingMeeting();
    expect(await guest.client.emitWithAck("recording:stop", { meetingId: id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await hostIn.client.emitWithAck("host:promote", { participantId: guest.joined.self.id })).toMatchObject({ ok: true });
    expect(await hostIn.client.emitWithAck("room:leave", {})).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await sfu.db.recordings.findById(recordingId))?.state).toBe("RECORDING");
    expect(await guest.client.emitWithAck("recording:stop", { meetingId: id })).toMatchObject({ ok: true, data: { recording: false } });
    expect(await storedState(recordingId, "PROCESSING")).toMatchObject({ state: "PROCESSING", stoppedByName: "Gus" });
    expect(await guest.client.emitWithAck("recording:start", { meetingId: id })).toMatchObject({ ok: true, data: { recording: true } });
  });

  it("a guest leaving changes nothing while a host stays", async () => {
    const { id, guest, recordingId } = await recordingMeeting();
    expect(await guest.client.emitWithAck("room:leave", {})).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await sfu.db.recordings.findById(recordingId))?.state).toBe("RECORDING");
    expect((await sfu.joined(id, sfu.guest("Late"))).joined.room.recording).toBe(true);
  });
});
