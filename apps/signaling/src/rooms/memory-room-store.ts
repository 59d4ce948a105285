import type { RoomData } from "./room-state";
import { graceEntries, graceKey, parseGraceKey, type DueGrace, type RoomChange, type RoomStore } from "./room-store";

/** Rooms of a single signaling process, in memory. Nothing to configure; gone when the process stops. */
export class MemoryRoomStore implements RoomStore {
  readonly shared = false;
  private readonly rooms = new Map<string, RoomData>();
  private readonly endedAtMs = new Map<string, number>();
  /** Spent join token ids → their expiry (swept when spending, so the map holds only live tokens). */
  private readonly spentTokens = new Map<string, number>();
  /** `meetingId participantId` → grace deadline of every disconnected member. */
  private readonly graces = new Map<string, number>();

  get(meetingId: string): Promise<RoomData | undefined> {
    return Promise.resolve(this.rooms.get(meetingId));
  }

  update<T>(meetingId: string, change: (room: RoomData | undefined) => RoomChange<T>): Promise<T> {
    try {
      return Promise.resolve(this.updateNow(meetingId, change));
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  private updateNow<T>(meetingId: string, change: (room: RoomData | undefined) => RoomChange<T>): T {
    const current = this.rooms.get(meetingId);
    // NOTE: a private copy, so a change that throws halfway leaves the stored room as it was.
    const { room, result, unchanged } = change(current === undefined ? undefined : structuredClone(current));
    if (unchanged) return result;
    if (room === undefined) this.rooms.delete(meetingId);
    else this.rooms.set(meetingId, room);
    const before = graceEntries(meetingId, current);
    const after = graceEntries(meetingId, room);
    for (const key of before.keys()) if (!after.has(key)) this.graces.delete(key);
    for (const [key, deadline] of after) this.graces.set(key, deadline);
    return result;
  }

  markEnded(meetingId: string, atMs: number): Promise<void> {
    this.endedAtMs.set(meetingId, atMs);
    return Promise.resolve();
  }

  endedAt(meetingId: string): Promise<number | undefined> {
    return Promise.resolve(this.endedAtMs.get(meetingId));
  }

  spendToken(tokenId: string, nowMs: number, untilMs: number): Promise<boolean> {
    const now = nowMs;
    // Insertion order is roughly expiry order (every token lives at most a few minutes): sweep from the front.
    for (const [id, expiry] of this.spentTokens) {
      if (expiry > now) break;
      this.spentTokens.delete(id);
    }
    if (this.spentTokens.has(tokenId)) return Promise.resolve(false);
    this.spentTokens.set(tokenId, untilMs);
    return Promise.resolve(true);
  }

  dueGraces(nowMs: number): Promise<DueGrace[]> {
    const due: DueGrace[] = [];
    for (const [key, deadline] of this.graces) {
      const parsed = deadline <= nowMs ? parseGraceKey(key) : undefined;
      if (parsed) due.push(parsed);
    }
    return Promise.resolve(due);
  }

  forgetGrace(due: DueGrace): Promise<void> {
    this.graces.delete(graceKey(due.meetingId, due.participantId));
    return Promise.resolve();
  }

  /** Empty the store and hand back every room (a single node shutting down closes their attendance). */
  takeAll(): RoomData[] {
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    this.graces.clear();
    return rooms;
  }

  // One process: when it dies its rooms die with it, so there is never a dead node to clean up after.
  heartbeat(): Promise<boolean> {
    return Promise.resolve(true);
  }

  deadNodes(): Promise<string[]> {
    return Promise.resolve([]);
  }

  forgetNode(): Promise<void> {
    return Promise.resolve();
  }

  roomIds(): Promise<string[]> {
    return Promise.resolve([...this.rooms.keys()]);
  }

  roomCount(): Promise<number> {
    return Promise.resolve(this.rooms.size);
  }

  ping(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.rooms.clear();
    this.graces.clear();
    return Promise.resolve();
  }
}
