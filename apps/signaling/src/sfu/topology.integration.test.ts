import type { RoomState } from "@parley/protocol";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startHarness, type Client, type Harness } from "../testing/harness";

/**
 * When a call uses the SFU, decided by the signaling service (real server, real Postgres). No Janus here: the node
 * points at a closed port, which is also how "the media server is down" looks to clients.
 */
const unreachableNode = {
  id: "janus-down",
  url: "ws://127.0.0.1:9",
  adminUrl: "ws://127.0.0.1:9",
  apiSecret: "api-secret-0123456789",
  adminSecret: "admin-secret-0123456789",
  roomAdminKey: "room-admin-key-0123456789",
};

function nextRoomUpdate(client: Client): Promise<RoomState> {
  return new Promise((resolve) => client.once("room:updated", resolve));
}

describe("topology", () => {
  let sfu: Harness;
  let meshOnly: Harness;
  beforeAll(async () => {
    sfu = await startHarness(inject("databaseUrl"), { sfu: { nodes: [unreachableNode], meshMax: 2, probeIntervalMs: 60_000 } });
    meshOnly = await startHarness(inject("databaseUrl"));
  });
  afterAll(async () => {
    await sfu?.close();
    await meshOnly?.close();
  });

  it("keeps a call a mesh up to SFU_MESH_MAX and moves everyone to the SFU when the next one joins", async () => {
    const { id, host } = await sfu.createMeeting();
    const first = await sfu.joined(id, host);
    const second = await sfu.joined(id, sfu.guest("Ada"));
    expect(first.joined.room.topology).toBe("mesh");
    expect(second.joined.room.topology).toBe("mesh");
    const updates = [nextRoomUpdate(first.client), nextRoomUpdate(second.client)];
    const third = await sfu.joined(id, sfu.guest("Bert"));
    expect(third.joined.room.topology).toBe("sfu");
    for (const update of await Promise.all(updates)) expect(update.topology).toBe("sfu");
    // It stays the SFU when the call shrinks again (no flapping).
    await third.client.emitWithAck("room:leave", {});
    const fourth = await sfu.joined(id, sfu.guest("Cleo"));
    expect(fourth.joined.room.topology).toBe("sfu");
  });

  it("uses the SFU from the first participant for a meeting set to SFU, and a mesh where no SFU is configured", async () => {
    const large = await sfu.createMeeting({ mediaMode: "SFU" });
    expect((await sfu.joined(large.id, large.host)).joined.room.topology).toBe("sfu");
    const elsewhere = await meshOnly.createMeeting({ mediaMode: "SFU" });
    expect((await meshOnly.joined(elsewhere.id, elsewhere.host)).joined.room.topology).toBe("mesh");
  });

  it("limits how often one participant may start a new media session (rate_limited), per identity, not per socket", async () => {
    const limited = await startHarness(inject("databaseUrl"), {
      sfu: { nodes: [unreachableNode], meshMax: 0, probeIntervalMs: 60_000 },
      sfuSessionLimit: { sessions: 3, windowSeconds: 60 },
    });
    try {
      const { id, host } = await limited.createMeeting({ mediaMode: "SFU" });
      const offer = { offer: { type: "offer" as const, sdp: "v=0\r\n" }, sources: {}, fresh: true };
      const first = await limited.joined(id, host);
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const ack = await first.client.emitWithAck("sfu:publish", offer);
        codes.push(ack.ok ? "ok" : ack.error.code);
      }
      expect(codes).toEqual(["sfu_unavailable", "sfu_unavailable", "sfu_unavailable"]);
      expect(await first.client.emitWithAck("sfu:publish", offer)).toMatchObject({
        ok: false,
        error: { code: "rate_limited", message: expect.stringContaining("Too many media restarts") },
      });
      // A new socket (a reload) for the same person does not get a fresh budget.
      first.client.disconnect();
      const again = await limited.joined(id, host);
      expect(await again.client.emitWithAck("sfu:publish", offer)).toMatchObject({ ok: false, error: { code: "rate_limited" } });
      // Someone else in the meeting is not affected.
      const other = await limited.joined(id, limited.guest("Ada"));
      expect(await other.client.emitWithAck("sfu:publish", offer)).toMatchObject({ ok: false, error: { code: "sfu_unavailable" } });
    } finally {
      await limited.close();
    }
  });

  it("answers publishes with typed errors: forbidden in a mesh, sfu_unavailable when no media server is up", async () => {
    const mesh = await sfu.createMeeting();
    const { client } = await sfu.joined(mesh.id, mesh.host);
    const offer = { offer: { type: "offer" as const, sdp: "v=0\r\n" }, sources: {}, fresh: true };
    expect(await client.emitWithAck("sfu:publish", offer)).toMatchObject({ ok: false, error: { code: "forbidden" } });

    const large = await sfu.createMeeting({ mediaMode: "SFU" });
    const joined = await sfu.joined(large.id, large.host);
    expect(await joined.client.emitWithAck("sfu:publish", offer)).toMatchObject({ ok: false, error: { code: "sfu_unavailable" } });
    // A renegotiation for a session this node does not hold: refused, and the client is told to start over.
    const restart = new Promise((resolve) => joined.client.once("sfu:restart", resolve));
    expect(await joined.client.emitWithAck("sfu:publish", { ...offer, fresh: false })).toMatchObject({ ok: false, error: { code: "sfu_unavailable" } });
    expect(await restart).toEqual({ reason: "moved" });
    // Nothing to answer or trickle to without a session, and the sync tells the client to publish again.
    expect(await joined.client.emitWithAck("sfu:answer", { seq: 1, answer: { type: "answer", sdp: "v=0\r\n" } })).toMatchObject({
      ok: false,
      error: { code: "sfu_unavailable" },
    });
    expect(await joined.client.emitWithAck("sfu:sync", {})).toEqual({ ok: true, data: { status: "restart" } });
    expect(await (await meshOnly.joined((await meshOnly.createMeeting()).id, mesh.host)).client.emitWithAck("sfu:sync", {})).toMatchObject({
      ok: false,
      error: { code: "sfu_unavailable" },
    });
  });
});
