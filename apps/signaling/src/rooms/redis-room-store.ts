import type { Redis } from "ioredis";
import { JOIN_TOKEN_MAX_TTL_SECONDS } from "@parley/join-auth";
import type { RoomData } from "./room-state";
import { graceEntries, graceKey, parseGraceKey, type DueGrace, type RoomChange, type RoomStore } from "./room-store";

/**
 * Compare-and-set of one room: writes only if the stored version is still the one the change was computed from,
 * and keeps the room set and the grace index in step, all in one atomic step.
 * KEYS: room hash, room set, grace zset. ARGV: expected version ("" = no room), new JSON ("" = delete), meeting id,
 * TTL ms, count of grace upserts, then (deadline, key) pairs, then grace keys to remove.
 */
const CAS_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '') ~= ARGV[1] then return 0 end
if ARGV[2] == '' then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[3])
else
  redis.call('HSET', KEYS[1], 'v', tostring((tonumber(current) or 0) + 1), 'd', ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('SADD', KEYS[2], ARGV[3])
end
local upserts = tonumber(ARGV[5])
local i = 6
for _ = 1, upserts do
  redis.call('ZADD', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
while i <= #ARGV do
  redis.call('ZREM', KEYS[3], ARGV[i])
  i = i + 1
end
return 1
`;

/** A room outlives a crashed cluster by at most this long. */
const ROOM_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 50;

interface CasCommand {
  parleyRoomCas(roomKey: string, roomsKey: string, gracesKey: string, ...args: (string | number)[]): Promise<number>;
}

/** Rooms in Redis, shared by every signaling node; changes are optimistic compare-and-set per room. */
export class RedisRoomStore implements RoomStore {
  readonly shared = true;
  private readonly redis: Redis & CasCommand;

  /** `redis` is owned by the caller (closed by whoever created it). */
  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand("parleyRoomCas", { numberOfKeys: 3, lua: CAS_SCRIPT });
    this.redis = redis as Redis & CasCommand;
  }

  private roomKey(meetingId: string): string {
    return `${this.prefix}:room:${meetingId}`;
  }

  private async read(meetingId: string): Promise<{ version: string; room: RoomData | undefined }> {
    const [version, data] = await this.redis.hmget(this.roomKey(meetingId), "v", "d");
    return { version: version ?? "", room: data ? (JSON.parse(data) as RoomData) : undefined };
  }

  async get(meetingId: string): Promise<RoomData | undefined> {
    return (await this.read(meetingId)).room;
  }

  async update<T>(meetingId: string, change: (room: RoomData | undefined) => RoomChange<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { version, room: current } = await this.read(meetingId);
      const before = graceEntries(meetingId, current);
      // `current` is freshly parsed: already a private copy.
      const { room, result, unchanged } = change(current);
      if (unchanged) return result;
      const after = graceEntries(meetingId, room);
      const upserts = [...after].flatMap(([key, deadline]) => [deadline, key]);
      const removals = [...before.keys()].filter((key) => !after.has(key));
      const written = await this.redis.parleyRoomCas(
        this.roomKey(meetingId),
        `${this.prefix}:rooms`,
        `${this.prefix}:graces`,
        version,
        room === undefined ? "" : JSON.stringify(room),
        meetingId,
        ROOM_TTL_MS,
        after.size,
        ...upserts,
        ...removals,
      );
      if (written === 1) return result;
      if (attempt >= MAX_ATTEMPTS) throw new Error(`room ${meetingId}: too much write contention`);
      // Another node changed the room meanwhile: recompute from the new state (after a short jitter once it is busy).
      if (attempt > 2) await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }

  async markEnded(meetingId: string, atMs: number): Promise<void> {
    // Only tokens issued before the end matter, and none lives longer than the maximum token age.
    await this.redis.set(`${this.prefix}:ended:${meetingId}`, String(atMs), "PX", (JOIN_TOKEN_MAX_TTL_SECONDS + 60) * 1000);
  }

  async endedAt(meetingId: string): Promise<number | undefined> {
    const value = await this.redis.get(`${this.prefix}:ended:${meetingId}`);
    return value === null ? undefined : Number(value);
  }

  async spendToken(tokenId: string, nowMs: number, untilMs: number): Promise<boolean> {
    // SET NX: exactly one node wins; the key lives as long as the token could still verify (plus clock tolerance).
    const ttlMs = Math.max(1_000, untilMs - nowMs + 10_000);
    return (await this.redis.set(`${this.prefix}:spent:${tokenId}`, "1", "PX", ttlMs, "NX")) === "OK";
  }

  async dueGraces(nowMs: number): Promise<DueGrace[]> {
    const keys = await this.redis.zrangebyscore(`${this.prefix}:graces`, "-inf", nowMs, "LIMIT", 0, 500);
    return keys.map(parseGraceKey).filter((due): due is DueGrace => due !== undefined);
  }

  async forgetGrace(due: DueGrace): Promise<void> {
    await this.redis.zrem(`${this.prefix}:graces`, graceKey(due.meetingId, due.participantId));
  }

  roomCount(): Promise<number> {
    return this.redis.scard(`${this.prefix}:rooms`);
  }

  async heartbeat(nodeId: string, untilMs: number): Promise<boolean> {
    // ZADD answers how many members it added: 0 when ours was still there.
    return (await this.redis.zadd(`${this.prefix}:nodes`, untilMs, nodeId)) === 0;
  }

  async deadNodes(nowMs: number): Promise<string[]> {
    return this.redis.zrangebyscore(`${this.prefix}:nodes`, "-inf", nowMs, "LIMIT", 0, 100);
  }

  async forgetNode(nodeId: string): Promise<void> {
    await this.redis.zrem(`${this.prefix}:nodes`, nodeId);
  }

  async roomIds(): Promise<string[]> {
    return this.redis.smembers(`${this.prefix}:rooms`);
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
