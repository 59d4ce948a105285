import type { MeetingForCall } from "../db";
import { Room } from "./room";

/** All live rooms of this process, by meeting id. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  /** When a host last ended each meeting (epoch ms): older join tokens cannot bring guests back. */
  private readonly endedAt = new Map<string, number>();

  get(meetingId: string): Room | undefined {
    return this.rooms.get(meetingId);
  }

  /** The meeting's room, created on first join; refreshes the meeting (a host may have edited lobby or passcode). */
  open(meeting: MeetingForCall, capacity: number): Room {
    const existing = this.rooms.get(meeting.id);
    if (existing) {
      existing.meeting = meeting;
      return existing;
    }
    const room = new Room(meeting, capacity);
    this.rooms.set(meeting.id, room);
    return room;
  }

  /** Forget a room once nobody is in it or waiting for it. */
  closeIfEmpty(room: Room): void {
    if (room.isEmpty && this.rooms.get(room.meeting.id) === room) this.rooms.delete(room.meeting.id);
  }

  /** A host ended the meeting for all. */
  end(room: Room, atMs: number): void {
    this.endedAt.set(room.meeting.id, atMs);
    if (this.rooms.get(room.meeting.id) === room) this.rooms.delete(room.meeting.id);
  }

  /** Whether the meeting was ended after a token issued at `issuedAtMs`. */
  endedSince(meetingId: string, issuedAtMs: number): boolean {
    const ended = this.endedAt.get(meetingId);
    return ended !== undefined && issuedAtMs <= ended;
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }
}
