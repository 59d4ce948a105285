import { z } from "zod";
import { LIMITS } from "./limits";
import { participantIdSchema } from "./models";

/** RTCSessionDescriptionInit restricted to what crosses the wire (rollback is local to perfect negotiation). */
export const sessionDescriptionSchema = z.object({
  type: z.enum(["offer", "answer"]),
  sdp: z.string().min(1).max(LIMITS.sdpMaxLength),
});
export type SessionDescription = z.infer<typeof sessionDescriptionSchema>;

/** RTCIceCandidateInit; `null` marks end of candidates. */
export const iceCandidateSchema = z.object({
  candidate: z.string().max(LIMITS.candidateMaxLength),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().nonnegative().max(1024).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

/** Which local device a sent track comes from. */
export const trackSourceSchema = z.enum(["microphone", "camera", "screen"]);
export type TrackSource = z.infer<typeof trackSourceSchema>;

/** An SDP media id: an RFC 4566 token (`a=mid:<token>`). */
export const midSchema = z
  .string()
  .min(1)
  .max(LIMITS.midMaxLength)
  .regex(/^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+$/, "not an SDP token");

/**
 * mid → source for the m-lines the sender of a description sends on. Mids are stable for the life of a
 * connection and mean the same on both sides, so the receiver can tell the camera from the screen.
 */
export const trackSourcesSchema = z
  .record(midSchema, trackSourceSchema)
  .refine((sources) => Object.keys(sources).length <= LIMITS.trackSourcesMax, {
    message: `at most ${LIMITS.trackSourcesMax} sources`,
  });
export type TrackSources = z.infer<typeof trackSourcesSchema>;

export const signalDescriptionPayloadSchema = z.object({
  to: participantIdSchema,
  description: sessionDescriptionSchema,
  /** Optional so that a description without media of our own (or from an older client) stays valid. */
  sources: trackSourcesSchema.optional(),
});
export type SignalDescriptionPayload = z.infer<typeof signalDescriptionPayloadSchema>;

export const signalCandidatePayloadSchema = z.object({
  to: participantIdSchema,
  candidate: iceCandidateSchema.nullable(),
});
export type SignalCandidatePayload = z.infer<typeof signalCandidatePayloadSchema>;

/** Ask the peer to restart ICE towards the sender (e.g. the polite side saw the connection fail). */
export const signalIceRestartPayloadSchema = z.object({ to: participantIdSchema });
export type SignalIceRestartPayload = z.infer<typeof signalIceRestartPayloadSchema>;

export const signalDescriptionSchema = z.object({
  from: participantIdSchema,
  description: sessionDescriptionSchema,
  sources: trackSourcesSchema.optional(),
});
export type SignalDescription = z.infer<typeof signalDescriptionSchema>;

export const signalCandidateSchema = z.object({ from: participantIdSchema, candidate: iceCandidateSchema.nullable() });
export type SignalCandidate = z.infer<typeof signalCandidateSchema>;

export const signalIceRestartSchema = z.object({ from: participantIdSchema });
export type SignalIceRestart = z.infer<typeof signalIceRestartSchema>;

/** What both peers of a pair know about each other to agree on roles. */
export interface PeerOrder {
  id: string;
  /** ISO 8601 (`Participant.joinedAt`); unknown: order by id. */
  joinedAt?: string | undefined;
}

/**
 * Perfect negotiation needs one polite and one impolite side per pair; both peers compute the same answer. The one who
 * joined later is polite: the one already in the room offers its media first, so a newcomer sees the room after one
 * offer/answer (the polite side never makes the very first offer). Same join time, or unknown: the lower id is polite.
 */
export function isPolitePeer(self: PeerOrder, remote: PeerOrder): boolean {
  if (self.joinedAt && remote.joinedAt && self.joinedAt !== remote.joinedAt) return self.joinedAt > remote.joinedAt;
  return self.id < remote.id;
}
