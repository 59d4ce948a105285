import { z } from "zod";
import { LIMITS } from "./limits";
import {
  chatMessageSchema,
  iceServerSchema,
  lobbyEntrySchema,
  mediaStateSchema,
  participantIdSchema,
  participantSchema,
  roomStateSchema,
} from "./models";

/** Proof that a dropped client may take its old place back (issued in the join ack, valid during the grace period). */
export const resumeSchema = z.object({
  participantId: participantIdSchema,
  resumeToken: z.string().min(16).max(LIMITS.resumeTokenMaxLength),
});
export type Resume = z.infer<typeof resumeSchema>;

/** `room:join`: the first event of every socket. */
export const roomJoinPayloadSchema = z.object({
  /** Join token minted by the web app (JWT). Always required, also when resuming: fetch a fresh one each time. */
  token: z.string().min(1).max(LIMITS.tokenMaxLength),
  /** The meeting the client means to join; must equal the token's `meetingId`. */
  meetingId: z.uuid(),
  protocolVersion: z.number().int().nonnegative(),
  passcode: z.string().min(1).max(LIMITS.passcodeMaxLength).optional(),
  media: mediaStateSchema,
  /** Present after a dropped connection. Unknown or expired resumes are not errors: the client joins afresh. */
  resume: resumeSchema.optional(),
});
export type RoomJoinPayload = z.infer<typeof roomJoinPayloadSchema>;

/** The client is in the call. Also the payload of `lobby:admitted`. */
export const joinedSchema = z.object({
  status: z.literal("joined"),
  self: participantSchema,
  /** Everyone else in the room. */
  participants: z.array(participantSchema),
  chatHistory: z.array(chatMessageSchema),
  iceServers: z.array(iceServerSchema),
  /**
   * When the TURN credentials in `iceServers` expire (seconds from now); fetch fresh ones with `ice:refresh` before.
   * Absent or null: nothing expires (no TURN).
   */
  iceServersExpireInSeconds: z.number().int().positive().nullable().optional(),
  room: roomStateSchema,
  /** Keep it (with `self.id`) to resume after a dropped connection. */
  resumeToken: z.string(),
  /** True when an earlier place in the room was taken back: keep existing peer connections. */
  resumed: z.boolean(),
  /** Guests waiting for admission; always empty for guests. */
  lobby: z.array(lobbyEntrySchema),
});
export type Joined = z.infer<typeof joinedSchema>;

/** The client waits in the lobby until a host admits (`lobby:admitted`) or denies (`lobby:denied`). */
export const waitingSchema = z.object({
  status: z.literal("waiting"),
  lobbyId: participantIdSchema,
  room: roomStateSchema,
});
export type Waiting = z.infer<typeof waitingSchema>;

export const roomJoinResultSchema = z.discriminatedUnion("status", [joinedSchema, waitingSchema]);
export type RoomJoinResult = z.infer<typeof roomJoinResultSchema>;

/** Payload of request events that carry no data. */
export const emptyPayloadSchema = z.object({});
export type EmptyPayload = z.infer<typeof emptyPayloadSchema>;

export const roomLeavePayloadSchema = emptyPayloadSchema;

export const participantLeftReasonSchema = z.enum(["left", "disconnected", "removed"]);
export const participantLeftSchema = z.object({
  participantId: participantIdSchema,
  reason: participantLeftReasonSchema,
});
export type ParticipantLeft = z.infer<typeof participantLeftSchema>;

export const roomEndedSchema = z.object({ reason: z.enum(["ended_by_host", "ended_by_admin"]) });
export type RoomEnded = z.infer<typeof roomEndedSchema>;

/**
 * You are out of the call: a host removed you (`blocked_by_host`: and you cannot come back), or `joined_elsewhere`:
 * the same identity joined again (another tab or device); one identity holds one place.
 */
export const roomRemovedSchema = z.object({ reason: z.enum(["removed_by_host", "blocked_by_host", "joined_elsewhere"]) });
export type RoomRemoved = z.infer<typeof roomRemovedSchema>;
