import type { LobbyEntry, MediaState, Participant, ParticipantRole, RoomState } from "@parley/protocol";
import type { MeetingForCall } from "../db";

/** A participant in the call. `socketId` is null while it is disconnected and inside its reconnect grace period. */
export interface Member {
  readonly id: string;
  /** Token subject (`user:<id>` / `guest:<id>`): a resume must come from the same identity. */
  readonly subject: string;
  readonly name: string;
  readonly role: ParticipantRole;
  readonly joinedAt: Date;
  audioMuted: boolean;
  videoMuted: boolean;
  screenSharing: boolean;
  handRaised: boolean;
  socketId: string | null;
  readonly resumeToken: string;
  /** Attendance record id once written (null if writing it failed: the call goes on without it). */
  attendanceId: Promise<string | null>;
  graceTimer: unknown;
}

/** A guest waiting for a host to admit them. `id` becomes their participant id. */
export interface LobbyGuest {
  readonly id: string;
  readonly subject: string;
  readonly name: string;
  readonly requestedAt: Date;
  readonly socketId: string;
  readonly media: MediaState;
}

/** The live state of one meeting's call. Pure state: the handlers do the I/O. */
export class Room {
  readonly members = new Map<string, Member>();
  /** Insertion order = arrival order. */
  readonly lobby = new Map<string, LobbyGuest>();
  /** Attendance record id → participant id, so chat history can name the live sender. */
  readonly participantByAttendance = new Map<string, string>();
  /** Identities a host removed: they cannot come back into this session of the room. */
  readonly removedSubjects = new Set<string>();
  locked = false;

  constructor(
    public meeting: MeetingForCall,
    readonly capacity: number,
  ) {}

  get isFull(): boolean {
    return this.members.size >= this.capacity;
  }

  get isEmpty(): boolean {
    return this.members.size === 0 && this.lobby.size === 0;
  }

  state(): RoomState {
    return {
      meetingId: this.meeting.id,
      title: this.meeting.title,
      topology: "mesh",
      locked: this.locked,
      lobbyEnabled: this.meeting.lobbyEnabled,
      capacity: this.capacity,
    };
  }

  lobbyEntries(): LobbyEntry[] {
    return [...this.lobby.values()].map((guest) => ({
      id: guest.id,
      name: guest.name,
      requestedAt: guest.requestedAt.toISOString(),
    }));
  }

  participantsExcept(id: string): Participant[] {
    return [...this.members.values()].filter((member) => member.id !== id).map(toParticipant);
  }
}

/** The public view of a member. */
export function toParticipant(member: Member): Participant {
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    audioMuted: member.audioMuted,
    videoMuted: member.videoMuted,
    screenSharing: member.screenSharing,
    handRaised: member.handRaised,
    joinedAt: member.joinedAt.toISOString(),
  };
}

/** socket.io room that every member of a meeting's call is in. */
export function roomChannel(meetingId: string): string {
  return `meeting:${meetingId}`;
}

/** socket.io room of the hosts only (lobby updates). */
export function hostChannel(meetingId: string): string {
  return `hosts:${meetingId}`;
}
