import { z } from "zod";

/**
 * Who runs the meeting ("host"), who helps moderate it ("cohost": every host control except acting on the host or
 * changing roles) and who takes part in it ("guest"); join tokens carry it, and the host may promote or demote in the call.
 */
export const participantRoleSchema = z.enum(["host", "cohost", "guest"]);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

/** Whether this role may use the host controls (mute, remove, lock, lobby, lower hands, recording, end for all). */
export function canModerate(role: ParticipantRole): boolean {
  return role === "host" || role === "cohost";
}
import { displayNameSchema } from "./text";

/** Server-assigned participant id (also used for lobby entries, which become participants when admitted). */
export const participantIdSchema = z.uuid();
export type ParticipantId = z.infer<typeof participantIdSchema>;

export const mediaStateSchema = z.object({
  audioMuted: z.boolean(),
  videoMuted: z.boolean(),
});
export type MediaState = z.infer<typeof mediaStateSchema>;

/** What everyone in the room knows about one participant. */
export const participantSchema = z.object({
  id: participantIdSchema,
  name: displayNameSchema,
  role: participantRoleSchema,
  audioMuted: z.boolean(),
  videoMuted: z.boolean(),
  screenSharing: z.boolean(),
  handRaised: z.boolean(),
  /** ISO 8601 instant. */
  joinedAt: z.iso.datetime(),
});
export type Participant = z.infer<typeof participantSchema>;

/** A guest waiting in the lobby, as hosts see them. */
export const lobbyEntrySchema = z.object({
  id: participantIdSchema,
  name: displayNameSchema,
  requestedAt: z.iso.datetime(),
});
export type LobbyEntry = z.infer<typeof lobbyEntrySchema>;

/**
 * How media flows: "mesh" (every client sends to every other) or "sfu" (every client sends once to the media server,
 * which forwards). Clients pick their transport from it and switch when `room:updated` changes it.
 */
export const topologySchema = z.enum(["mesh", "sfu"]);
export type Topology = z.infer<typeof topologySchema>;

export const roomStateSchema = z.object({
  meetingId: z.uuid(),
  title: z.string(),
  topology: topologySchema,
  locked: z.boolean(),
  lobbyEnabled: z.boolean(),
  /** Maximum number of participants in the call (lobby not counted). */
  capacity: z.number().int().positive(),
  /** The call is being recorded (absent: not recording): everyone, lobby included, is shown a notice. */
  recording: z.boolean().optional(),
});
export type RoomState = z.infer<typeof roomStateSchema>;

/** RTCIceServer as the browser takes it. */
export const iceServerSchema = z.object({
  urls: z.array(z.string()).min(1),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;

export const chatMessageSchema = z.object({
  id: z.string(),
  /** Participant id of the sender while they are (or were) in this room session; null for older history. */
  senderId: participantIdSchema.nullable(),
  senderName: z.string(),
  body: z.string(),
  sentAt: z.iso.datetime(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;
