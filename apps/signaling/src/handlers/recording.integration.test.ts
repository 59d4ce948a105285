import type { RecordingState, RoomState } from "@parley/protocol";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startHarness, type Client, type Harness } from "../testing/harness";

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
  beforeAll(async () => {
    sfu = await startHarness(inject("databaseUrl"), { sfu: { nodes: [unreachableNode], meshMax: 4, probeIntervalMs: 60_000 } });
    meshOnly = await startHarness(inject("databaseUrl"));
  });
  afterAll(async () => {
    await sfu?.close();
    await meshOnly?.close();
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
  });
});
