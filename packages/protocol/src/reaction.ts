import { z } from "zod";
import { participantIdSchema } from "./models";

/** The reactions a participant can send: a closed set, so nothing arbitrary floats over everyone's video. */
export const REACTIONS = ["👍", "👏", "😂", "❤️", "🎉", "😮"] as const;
export const reactionSchema = z.enum(REACTIONS);
export type Reaction = z.infer<typeof reactionSchema>;

export const reactionSendPayloadSchema = z.object({ reaction: reactionSchema });
export type ReactionSendPayload = z.infer<typeof reactionSendPayloadSchema>;

export const reactionReceivedSchema = z.object({
  from: participantIdSchema,
  reaction: reactionSchema,
  sentAt: z.iso.datetime(),
});
export type ReactionReceived = z.infer<typeof reactionReceivedSchema>;

export const handRaisePayloadSchema = z.object({});
/** `hand:lower`: your own hand, or (hosts only) someone else's. */
export const handLowerPayloadSchema = z.object({ participantId: participantIdSchema.optional() });
export type HandLowerPayload = z.infer<typeof handLowerPayloadSchema>;
