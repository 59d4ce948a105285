import type { RoomData } from "./room-state";

/** What a room change decides: the room to keep (undefined deletes it) and a value for the caller. */
export interface RoomChange<T> {
  room: RoomData | undefined;
  result: T;
  /** Nothing changed: skip the write. */
  unchanged?: boolean;
}

/** A member whose reconnect grace period has run out. */
export interface DueGrace {
  meetingId: string;
  participantId: string;
}

/**
 * Where the live rooms are kept: in this process (single node) or in Redis (every node of a cluster sees the same
 * rooms). Reads may be served from anywhere; every change goes through `update`, which is atomic per room.
 */
export interface RoomStore {
  /** True when the state outlives this process (other nodes can take over its participants). */
  readonly shared: boolean;
  /** The room, or undefined when nobody is in it or waiting for it. Treat the result as read-only. */
  get(meetingId: string): Promise<RoomData | undefined>;
  /**
   * Read-modify-write one room atomically. `change` gets a private copy (undefined when there is no room); it may
   * throw to abort without any change, and it may run more than once (another node wrote in between), so it must
   * be synchronous and free of side effects: do the I/O with its result.
   */
  update<T>(meetingId: string, change: (room: RoomData | undefined) => RoomChange<T>): Promise<T>;
  /** Remember that a host ended the meeting at `atMs` (older join tokens cannot bring guests back). */
  markEnded(meetingId: string, atMs: number): Promise<void>;
  /** When a host last ended the meeting (epoch ms), if they did recently. */
  endedAt(meetingId: string): Promise<number | undefined>;
  /**
   * Spend a join token's id: true the first time (cluster-wide for a shared store), false ever after until
   * `untilMs` (epoch ms on the same clock as `nowMs`: the token's expiry, after which it is refused anyway).
   */
  spendToken(tokenId: string, nowMs: number, untilMs: number): Promise<boolean>;
  /** Disconnected members whose `graceUntil` is at or before `nowMs`, across all rooms. */
  dueGraces(nowMs: number): Promise<DueGrace[]>;
  /** Drop a grace-index entry whose room or member no longer exists. */
  forgetGrace(due: DueGrace): Promise<void>;
  /**
   * This node is alive until `untilMs` (a shared store lets the others notice when a node dies without closing).
   * Resolves false when the node had no entry: first beat, or the others took it for dead (its entry was removed).
   */
  heartbeat(nodeId: string, untilMs: number): Promise<boolean>;
  /** Nodes whose last heartbeat ran out before `nowMs` (crashed, or killed without a shutdown). */
  deadNodes(nowMs: number): Promise<string[]>;
  /** A node's members have been taken care of (or it shut down cleanly): stop reporting it. */
  forgetNode(nodeId: string): Promise<void>;
  /** Ids of every live room. */
  roomIds(): Promise<string[]>;
  /** Number of live rooms (cluster-wide for a shared store). */
  roomCount(): Promise<number>;
  /** Throws when the backing store cannot be reached (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Grace-index entries (`meetingId participantId` → deadline) of a room, to diff before and after a change. */
export function graceEntries(meetingId: string, room: RoomData | undefined): Map<string, number> {
  const entries = new Map<string, number>();
  for (const member of room?.members ?? []) {
    if (member.graceUntil !== null) entries.set(graceKey(meetingId, member.id), member.graceUntil);
  }
  return entries;
}

export function graceKey(meetingId: string, participantId: string): string {
  return `${meetingId} ${participantId}`;
}

export function parseGraceKey(key: string): DueGrace | undefined {
  const [meetingId, participantId] = key.split(" ", 2);
  return meetingId && participantId ? { meetingId, participantId } : undefined;
}
