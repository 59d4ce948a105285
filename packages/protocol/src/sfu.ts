import { z } from "zod";
import { LIMITS } from "./limits";
import { participantIdSchema } from "./models";
import { iceCandidateSchema, sessionDescriptionSchema, trackSourceSchema, trackSourcesSchema } from "./signal";

// Media through the SFU (topology "sfu"). The browser still talks only to the signaling service: it publishes one
// connection (offer → answer) and receives everyone on one subscription that the server drives (server offers, the
// browser answers). The signaling service relays JSEP to and from Janus; browsers never see Janus' API.

const offerSchema = sessionDescriptionSchema.extend({ type: z.literal("offer") });
const answerSchema = sessionDescriptionSchema.extend({ type: z.literal("answer") });

/** `sfu:publish`: send (or renegotiate) your media. `sources` maps your offer's mids to their sources. */
export const sfuPublishPayloadSchema = z.object({
  offer: offerSchema,
  sources: trackSourcesSchema,
  /**
   * The first offer of a new publishing connection (first publish, or after a restart): the server drops whatever it
   * still holds for you. Later offers of the same connection renegotiate it.
   */
  fresh: z.boolean().default(false),
});
export type SfuPublishPayload = z.infer<typeof sfuPublishPayloadSchema>;

export const sfuPublishResultSchema = z.object({ answer: answerSchema });
export type SfuPublishResult = z.infer<typeof sfuPublishResultSchema>;

/** One received m-line of the subscription: whose media it is and which of their sources. */
export const sfuStreamSchema = z.object({
  mid: z.string().min(1).max(LIMITS.midMaxLength),
  participantId: participantIdSchema,
  source: trackSourceSchema,
});
export type SfuStream = z.infer<typeof sfuStreamSchema>;

/** `sfu:offer` (server → client): a new description of your subscription; answer it with `sfu:answer`. */
export const sfuOfferSchema = z.object({
  /** Increases with every offer of this subscription; echo it in the answer. */
  seq: z.number().int().nonnegative(),
  offer: offerSchema,
  /** Every m-line currently carrying media; m-lines not listed are inactive. */
  streams: z.array(sfuStreamSchema).max(LIMITS.sfuStreamsMax),
});
export type SfuOffer = z.infer<typeof sfuOfferSchema>;

export const sfuAnswerPayloadSchema = z.object({
  seq: z.number().int().nonnegative(),
  answer: answerSchema,
});
export type SfuAnswerPayload = z.infer<typeof sfuAnswerPayloadSchema>;

/** Which of your two SFU connections a candidate belongs to. */
export const sfuTargetSchema = z.enum(["publisher", "subscriber"]);
export type SfuTarget = z.infer<typeof sfuTargetSchema>;

export const sfuCandidatePayloadSchema = z.object({
  target: sfuTargetSchema,
  /** null: gathering complete. */
  candidate: iceCandidateSchema.nullable(),
});
export type SfuCandidatePayload = z.infer<typeof sfuCandidatePayloadSchema>;

/**
 * How much of someone's camera you want: `high` for the big tile (pinned, active speaker), `low` for thumbnails,
 * `off` for tiles off screen (nothing is forwarded to you). Unlisted participants keep their last preference
 * (initially `high`).
 */
export const videoLayerSchema = z.enum(["high", "low", "off"]);
export type VideoLayer = z.infer<typeof videoLayerSchema>;

export const sfuLayersPayloadSchema = z.object({
  preferences: z
    .array(z.object({ participantId: participantIdSchema, layer: videoLayerSchema }))
    .max(LIMITS.sfuStreamsMax),
});
export type SfuLayersPayload = z.infer<typeof sfuLayersPayloadSchema>;

/**
 * `sfu:sync`: after the signaling link came back, ask whether the server still holds your SFU session. `restart`:
 * it does not (another node, or the media server went away): publish again on new connections.
 */
export const sfuSyncPayloadSchema = z.object({});
export const sfuSyncResultSchema = z.object({ status: z.enum(["ok", "restart"]) });
export type SfuSyncResult = z.infer<typeof sfuSyncResultSchema>;

/** `sfu:restart` (server → client): your SFU connections are gone (media server lost or moved): publish again. */
export const sfuRestartSchema = z.object({ reason: z.enum(["node_lost", "moved"]) });
export type SfuRestart = z.infer<typeof sfuRestartSchema>;
