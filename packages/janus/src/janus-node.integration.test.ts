import { existsSync } from "node:fs";
import { JANUS_BINARY, startJanus, type JanusInstance } from "@parley/janus-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SfuError } from "./errors";
import { JanusNode } from "./janus-node";
import { JanusSession } from "./janus-session";
import { JanusConnection } from "./janus-connection";
import { probeJanusNode } from "./node-probe";
import { InMemoryLoadTable, SfuPool } from "./sfu-pool";
import { VideoRoomPublisher } from "./videoroom/publisher";

// CI installs Janus (.ci/run); elsewhere these tests are skipped rather than failing on a missing package.
const skip = !existsSync(JANUS_BINARY) && !process.env.CI;
const SESSION_TIMEOUT_S = 3;

let janus: JanusInstance;
let node: JanusNode;
const secretOf = (room: string) => `secret-of-${room}-0123456789`;
const roomId = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}`;
const nodeOptions = () => ({
  id: "janus-a",
  url: janus.wsUrl,
  apiSecret: janus.secrets.apiSecret,
  roomAdminKey: janus.secrets.roomAdminKey,
  // Well under the short session_timeout configured below.
  keepaliveMs: 1_000,
  reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
});

describe.skipIf(skip)("Janus node against a real Janus", () => {
  beforeAll(async () => {
    janus = await startJanus({ sessionTimeoutSeconds: SESSION_TIMEOUT_S, debugLevel: 3 });
    node = await JanusNode.connect(nodeOptions());
  }, 30_000);

  afterAll(async () => {
    await node?.close();
    await janus?.stop();
  });

  it("creates, lists and destroys a room; a wrong secret is refused", async () => {
    const room = roomId("lifecycle");
    await node.createRoom({ room, secret: secretOf(room), publishers: 8 });
    expect(await node.rooms.exists(room)).toBe(true);
    // Private rooms are listed only thanks to our admin key.
    expect((await node.rooms.list()).map((r) => r.room)).toContain(room);

    const refused = await node.rooms.destroy(room, "not-the-secret-0000000").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SfuError);
    expect(refused).toMatchObject({ code: "sfu_unauthorized", janusCode: 433 });
    expect(await node.rooms.exists(room)).toBe(true);

    await node.destroyRoom(room);
    expect(await node.rooms.exists(room)).toBe(false);
    expect((await node.rooms.list()).map((r) => r.room)).not.toContain(room);
    expect(node.createdRooms).not.toContain(room);
  });

  it("starts and stops recording a room into a directory (kept for recreation), with its secret only", async () => {
    const room = roomId("recorded");
    await node.createRoom({ room, secret: secretOf(room) });
    const summary = async () => (await node.rooms.list()).find((r) => r.room === room);
    expect(await summary()).toMatchObject({ recording: false });
    await node.setRoomRecording(room, secretOf(room), "/tmp/parley-recordings/rec-1");
    expect(await summary()).toMatchObject({ recording: true, recDir: "/tmp/parley-recordings/rec-1" });
    await node.setRoomRecording(room, secretOf(room), null);
    expect(await summary()).toMatchObject({ recording: false });
    expect(await node.setRoomRecording(room, "not-the-secret-0000000", "/tmp/x").catch((e: unknown) => e)).toMatchObject({ code: "sfu_unauthorized" });
    expect(await summary()).toMatchObject({ recording: false });
    await expect(node.setRoomRecording(room, secretOf(room), "relative/dir")).rejects.toThrow(/absolute path/);
    await expect(node.setRoomRecording(room, secretOf(room), "/tmp/../etc")).rejects.toThrow(/'\.\.'/);
    // A room created recording records from the start.
    const born = roomId("born-recording");
    await node.createRoom({ room: born, secret: secretOf(born), recDir: "/tmp/parley-recordings/rec-2" });
    expect((await node.rooms.list()).find((r) => r.room === born)).toMatchObject({ recording: true, recDir: "/tmp/parley-recordings/rec-2" });
    await node.destroyRoom(born);
    await node.destroyRoom(room);
  });

  it("refuses to create rooms without our admin key", async () => {
    const intruder = await JanusNode.connect({ ...nodeOptions(), id: "intruder", roomAdminKey: "guessed-admin-key-000000" });
    try {
      const room = roomId("intruder");
      await expect(intruder.createRoom({ room, secret: secretOf(room) })).rejects.toMatchObject({ code: "sfu_unauthorized" });
      expect(await node.rooms.exists(room)).toBe(false);
    } finally {
      await intruder.close();
    }
  });

  it("refuses requests without our API secret", async () => {
    const connection = new JanusConnection({ url: janus.wsUrl, auth: { apisecret: "wrong-api-secret-0000000" }, reconnect: false });
    await connection.connect();
    try {
      await expect(JanusSession.create(connection)).rejects.toMatchObject({ code: "sfu_unauthorized", janusCode: 403 });
    } finally {
      connection.close();
    }
  });

  it("turns Janus errors into typed errors", async () => {
    const room = roomId("errors");
    await node.createRoom({ room, secret: secretOf(room) });
    await expect(node.createRoom({ room, secret: secretOf(room) })).rejects.toMatchObject({ code: "sfu_invalid_state", janusCode: 427 });

    const session = await node.openSession();
    try {
      await expect(VideoRoomPublisher.join(session, { room: roomId("missing"), participantId: "p1" })).rejects.toMatchObject({
        code: "sfu_room_not_found",
        janusCode: 426,
      });
      const { publisher } = await VideoRoomPublisher.join(session, { room, participantId: "p1" });
      // Bad JSEP from a browser: refused with a negotiation error, and the publisher can still try again.
      await expect(publisher.publish({ offer: { type: "offer", sdp: "v=0\r\nnot an sdp\r\n" } })).rejects.toMatchObject({
        code: "sfu_negotiation_failed",
      });
      expect(publisher.closed).toBe(false);
      await publisher.leave();
    } finally {
      await session.destroy();
      await node.destroyRoom(room);
    }
  });

  it("keeps a session alive past Janus' session timeout; without keepalives Janus drops it", async () => {
    const kept = await node.openSession();
    const connection = new JanusConnection({ url: janus.wsUrl, auth: { apisecret: janus.secrets.apiSecret }, reconnect: false });
    await connection.connect();
    const silent = await JanusSession.create(connection, { keepaliveMs: 600_000 });
    const silentLost = silent.events.once("lost");
    try {
      // Janus' watchdog checks every 2 s: twice the timeout plus a round is plenty.
      await new Promise((resolve) => setTimeout(resolve, (SESSION_TIMEOUT_S * 2 + 2) * 1_000));
      const [lostError] = await silentLost;
      expect(lostError.code).toBe("sfu_unavailable");
      expect(silent.open).toBe(false);
      expect(kept.open).toBe(true);
      const handle = await kept.attach("janus.plugin.videoroom");
      await handle.detach();
    } finally {
      await kept.destroy();
      connection.close();
    }
  }, 20_000);

  it("reports load through the Admin API and picks the least-loaded healthy node", async () => {
    const room = roomId("load");
    await node.createRoom({ room, secret: secretOf(room) });
    const session = await node.openSession();
    const { publisher } = await VideoRoomPublisher.join(session, { room, participantId: "loaded" });
    try {
      const target = { adminUrl: janus.adminUrl, adminSecret: janus.secrets.adminSecret, roomAdminKey: janus.secrets.roomAdminKey };
      const load = await probeJanusNode(target);
      expect(load).toMatchObject({ healthy: true });
      expect(load.participants).toBeGreaterThanOrEqual(1);
      expect(load.sessions).toBeGreaterThanOrEqual(2);
      expect(await probeJanusNode({ ...target, adminSecret: "wrong-admin-secret-00000" })).toMatchObject({ healthy: false });

      const base = { url: janus.wsUrl, apiSecret: janus.secrets.apiSecret, ...target };
      const pool = new SfuPool({
        nodes: [
          { ...base, id: "busy" },
          { ...base, id: "idle" },
          { ...base, id: "dead", adminUrl: "ws://127.0.0.1:9" },
        ],
        loadTable: new InMemoryLoadTable(),
        probe: async (n) => {
          const measured = await probeJanusNode(n);
          // One real Janus plays two nodes: make "idle" look empty.
          return n.id === "idle" ? { ...measured, participants: 0, sessions: 1 } : measured;
        },
      });
      await pool.probeAll();
      expect((await pool.pick()).id).toBe("idle");
      expect((await pool.pick(["idle"])).id).toBe("busy");
      await expect(pool.pick(["idle", "busy"])).rejects.toMatchObject({ code: "sfu_unavailable" });
    } finally {
      await publisher.leave();
      await session.destroy();
      await node.destroyRoom(room);
    }
  });

  it("notices a Janus that stops answering without closing the connection (a frozen or vanished host)", async () => {
    const watcher = await JanusNode.connect({ ...nodeOptions(), id: "watcher" });
    const pid = janus.pid as number;
    try {
      const down = watcher.events.once("down");
      const frozenAt = Date.now();
      process.kill(pid, "SIGSTOP"); // TCP stays open; only the missing pongs tell
      await down;
      expect(Date.now() - frozenAt).toBeLessThan(12_000);
    } finally {
      process.kill(pid, "SIGCONT");
    }
    await watcher.whenUp();
    expect(watcher.up).toBe(true);
    await watcher.close();
  }, 30_000);

  it("detects a Janus restart, reconnects and recreates its rooms", async () => {
    const room = roomId("restart");
    await node.createRoom({ room, secret: secretOf(room) });
    const session = await node.openSession();
    const sessionLost = session.events.once("lost");
    const down = node.events.once("down");
    const recovered = node.events.once("recovered");

    await janus.restart();
    await down;
    await sessionLost;
    const [info] = await recovered;
    expect(info.recreatedRooms).toContain(room);
    expect(node.up).toBe(true);
    expect(await node.rooms.exists(room)).toBe(true);

    // Participants start over on fresh sessions.
    const fresh = await node.openSession();
    const { publisher } = await VideoRoomPublisher.join(fresh, { room, participantId: "after-restart" });
    expect((await node.rooms.participants(room)).map((p) => p.id)).toContain("after-restart");
    await publisher.leave();
    await fresh.destroy();
    await node.destroyRoom(room);
  }, 20_000);
});
