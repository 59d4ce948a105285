import type { LobbyEntry, MediaState, Participant, ParticipantRole, RoomState, Topology } from "@parley/protocol";
import type { MeetingForCall } from "../db";

// The live state of one meeting's call as plain JSON data: a RoomStore keeps it in this process or in Redis,
// so every node of a cluster sees the same room. Pure data and pure functions; the handlers do the I/O.

/** A participant in the call. `socketId` is null while it is disconnected and inside its reconnect grace period. */
export interface MemberState {
  readonly id: string;
  /** Token subject (`user:<id>` / `guest:<id>`): a resume must come from the same identity. */
  readonly subject: string;
  /** `guest:<browser id>` of the browser it joined from (see the token's `browser` claim), if known. */
  readonly browserSubject?: string;
  readonly name: string;
  /** The host may promote a guest to co-host and back (`host:promote` / `host:demote`). */
  role: ParticipantRole;
  /** ISO 8601. */
  readonly joinedAt: string;
  audioMuted: boolean;
  videoMuted: boolean;
  screenSharing: boolean;
  handRaised: boolean;
  /** socket.io id (unique across nodes); the adapter delivers to it wherever it is connected. */
  socketId: string | null;
  /** The signaling node holding `socketId` (absent in rooms written by older versions): if it dies, so did the socket. */
  node?: string;
  readonly resumeToken: string;
  /** Attendance record id: null until written (just after the join's answer), or if writing it failed (the call goes on). */
  attendanceId: string | null;
  /** Epoch ms at which a disconnected member loses its place; null while connected. */
  graceUntil: number | null;
}

/** A guest waiting for a host to admit them. `id` becomes their participant id. */
export interface LobbyGuestState {
  readonly id: string;
  readonly subject: string;
  readonly browserSubject?: string;
  readonly name: string;
  /** ISO 8601. */
  readonly requestedAt: string;
  readonly socketId: string;
  /** The signaling node holding `socketId`. */
  readonly node?: string;
  readonly media: MediaState;
}

export interface RoomData {
  meeting: MeetingForCall;
  readonly capacity: number;
  locked: boolean;
  /** Join order. */
  members: MemberState[];
  /** Arrival order. */
  lobby: LobbyGuestState[];
  /** Identities a host removed: they cannot come back into this session of the room. */
  removedSubjects: string[];
  /** Attendance record id → participant id, so chat history can name the live sender. */
  attendance: Record<string, string>;
  /**
   * Roles the host gave in this session of the room, by identity (token subject): a reload or a new device keeps
   * the co-host role it was given, and a demoted co-host invitee stays a guest. Absent in rooms of older versions.
   */
  roles?: Record<string, "cohost" | "guest">;
  /** Epoch ms a host or co-host last entered the call (after "end for all", guests wait for this to be later). */
  hostSeenAt?: number;
  /** How media flows; absent means "mesh". Once "sfu", it stays so until the room empties (no flapping). */
  topology?: Topology;
  /** The SFU node (config id) this meeting's media room lives on, once someone published. */
  sfuNode?: string | null;
  /** The running recording (absent: not recording). */
  recording?: { id: string; startedAt: string };
}

/**
 * The role someone joins with: the token's, unless the host changed this identity's role in the room's session.
 * The host's own role never changes.
 */
export function roleIn(room: RoomData | undefined, subject: string, tokenRole: ParticipantRole): ParticipantRole {
  if (tokenRole === "host") return "host";
  return room?.roles?.[subject] ?? tokenRole;
}

/** A fresh room for the meeting's first participant. */
export function newRoom(meeting: MeetingForCall, capacity: number): RoomData {
  return { meeting, capacity, locked: false, members: [], lobby: [], removedSubjects: [], attendance: {} };
}

export function findMember(room: RoomData | undefined, id: string): MemberState | undefined {
  return room?.members.find((member) => member.id === id);
}

export function findLobbyGuest(room: RoomData | undefined, id: string): LobbyGuestState | undefined {
  return room?.lobby.find((guest) => guest.id === id);
}

export function isFull(room: RoomData): boolean {
  return room.members.length >= room.capacity;
}

/** The room as the store should keep it: undefined (deleted) once nobody is in it or waiting for it. */
export function settled(room: RoomData): RoomData | undefined {
  return room.members.length === 0 && room.lobby.length === 0 ? undefined : room;
}

export function roomStateOf(room: RoomData): RoomState {
  return {
    meetingId: room.meeting.id,
    title: room.meeting.title,
    topology: room.topology ?? "mesh",
    locked: room.locked,
    lobbyEnabled: room.meeting.lobbyEnabled,
    capacity: room.capacity,
    ...(room.recording ? { recording: true } : {}),
  };
}

/**
 * Switch a mesh room to the SFU when it grows past `meshMax` participants (0, or a meeting set to "SFU": always).
 * `meshMax` undefined means there is no SFU. Returns true when this change switched it (the caller tells everyone
 * with `room:updated`). Never switches back while in use.
 */
export function applyTopology(room: RoomData, meshMax: number | undefined): boolean {
  if (meshMax === undefined || room.topology === "sfu") return false;
  const limit = room.meeting.mediaMode === "SFU" ? 0 : meshMax;
  if (room.members.length <= limit && limit > 0) return false;
  room.topology = "sfu";
  return true;
}

export function lobbyEntriesOf(room: RoomData): LobbyEntry[] {
  return room.lobby.map((guest) => ({ id: guest.id, name: guest.name, requestedAt: guest.requestedAt }));
}

export function participantsExcept(room: RoomData, id: string): Participant[] {
  return room.members.filter((member) => member.id !== id).map(toParticipant);
}

/** The public view of a member. */
export function toParticipant(member: MemberState): Participant {
  return {
    id: member.id,
    name: member.name,
    role: member.role,
    audioMuted: member.audioMuted,
    videoMuted: member.videoMuted,
    screenSharing: member.screenSharing,
    handRaised: member.handRaised,
    joinedAt: member.joinedAt,
  };
}

/** socket.io room that every member of a meeting's call is in. */
export function roomChannel(meetingId: string): string {
  return `meeting:${meetingId}`;
}

/** socket.io room of the hosts and co-hosts only (lobby updates). */
export function hostChannel(meetingId: string): string {
  return `hosts:${meetingId}`;
}
