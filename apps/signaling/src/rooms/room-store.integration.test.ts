import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignalingError } from "../errors";
import { startRedis, type RunningRedis } from "@parley/test-support";
import { MemoryRoomStore } from "./memory-room-store";
import { RedisRoomStore } from "./redis-room-store";
import { findMember, newRoom, settled, type MemberState, type RoomData } from "./room-state";
import type { RoomStore } from "./room-store";

// The same contract for both stores; the Redis one against a real redis-server.
let redis: RunningRedis;
const connections: Redis[] = [];
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await redis?.stop();
});

function redisStore(prefix: string): RedisRoomStore {
  const connection = new Redis(redis.url);
  connections.push(connection);
  return new RedisRoomStore(connection, prefix);
}

const meeting = (id: string) => ({ id, title: "T", hostId: "h", status: "SCHEDULED" as const, lobbyEnabled: false, passcodeHash: null });

function member(id: string, graceUntil: number | null = null): MemberState {
  return {
    id,
    subject: `guest:${id}`,
    name: id,
    role: "guest",
    joinedAt: new Date(0).toISOString(),
    audioMuted: false,
    videoMuted: false,
    screenSharing: false,
    handRaised: false,
    socketId: graceUntil === null ? `socket-${id}` : null,
    resumeToken: "r".repeat(32),
    attendanceId: null,
    graceUntil,
  };
}

const join = (store: RoomStore, meetingId: string, m: MemberState) =>
  store.update(meetingId, (room) => {
    const next: RoomData = room ?? newRoom(meeting(meetingId), 50);
    next.members.push(m);
    return { room: next, result: next.members.length };
  });

describe.each([
  ["memory", () => new MemoryRoomStore()],
  ["redis", () => redisStore(`store-${randomUUID()}`)],
] as const)("%s room store", (_, createStore) => {
  it("creates, changes and deletes rooms", async () => {
    const store = createStore();
    const id = randomUUID();
    expect(await store.get(id)).toBeUndefined();
    expect(await join(store, id, member("a"))).toBe(1);
    expect(await join(store, id, member("b"))).toBe(2);
    expect((await store.get(id))?.members.map((m) => m.id)).toEqual(["a", "b"]);
    expect(await store.roomCount()).toBe(1);
    await store.update(id, (room) => ({ room: settled({ ...(room as RoomData), members: [] }), result: null }));
    expect(await store.get(id)).toBeUndefined();
    expect(await store.roomCount()).toBe(0);
  });

  it("changes nothing when the change throws, and hands out private copies", async () => {
    const store = createStore();
    const id = randomUUID();
    await join(store, id, member("a"));
    await expect(
      store.update(id, (room) => {
        (room as RoomData).locked = true;
        throw SignalingError.forbidden();
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect((await store.get(id))?.locked).toBe(false);
  });

  it("indexes grace deadlines and drops them with their member", async () => {
    const store = createStore();
    const id = randomUUID();
    await join(store, id, member("a"));
    await join(store, id, member("b", 1_000));
    expect(await store.dueGraces(999)).toEqual([]);
    expect(await store.dueGraces(1_000)).toEqual([{ meetingId: id, participantId: "b" }]);
    await store.update(id, (room) => {
      const b = findMember(room, "b") as MemberState;
      b.socketId = "back";
      b.graceUntil = null;
      return { room, result: null };
    });
    expect(await store.dueGraces(5_000)).toEqual([]);
    await join(store, id, member("c", 2_000));
    await store.update(id, () => ({ room: undefined, result: null }));
    expect(await store.dueGraces(5_000)).toEqual([]);
  });

  it("spends a join token id once, until it expires", async () => {
    const store = createStore();
    const id = randomUUID();
    expect(await store.spendToken(id, 1_000, 61_000)).toBe(true);
    expect(await store.spendToken(id, 2_000, 61_000)).toBe(false);
    expect(await store.spendToken(randomUUID(), 2_000, 61_000)).toBe(true);
  });

  it("remembers when a meeting was ended", async () => {
    const store = createStore();
    const id = randomUUID();
    expect(await store.endedAt(id)).toBeUndefined();
    await store.markEnded(id, 1234);
    expect(await store.endedAt(id)).toBe(1234);
  });
});

describe("redis room store under contention", () => {
  it("loses no update when two nodes change the same room at once", async () => {
    const prefix = `contention-${randomUUID()}`;
    const nodes = [redisStore(prefix), redisStore(prefix)];
    const id = randomUUID();
    await Promise.all(Array.from({ length: 40 }, (_, i) => join(nodes[i % 2] as RedisRoomStore, id, member(`m${i}`))));
    expect((await nodes[0]?.get(id))?.members).toHaveLength(40);
  });

  it("lets exactly `capacity` members in when many race for the last places", async () => {
    const prefix = `capacity-${randomUUID()}`;
    const nodes = [redisStore(prefix), redisStore(prefix)];
    const id = randomUUID();
    const capacity = 5;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        (nodes[i % 2] as RedisRoomStore).update(id, (room) => {
          const next = room ?? newRoom(meeting(id), capacity);
          if (next.members.length >= next.capacity) throw new SignalingError("room_full", "full");
          next.members.push(member(`m${i}`));
          return { room: next, result: null };
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(capacity);
    expect((await nodes[1]?.get(id))?.members).toHaveLength(capacity);
  });
});
