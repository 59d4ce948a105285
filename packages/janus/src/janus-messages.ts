import { z } from "zod";

/** JSEP as Janus sends and accepts it. */
export const jsepSchema = z.object({ type: z.enum(["offer", "answer"]), sdp: z.string().min(1) });
export type Jsep = z.infer<typeof jsepSchema>;

const errorSchema = z.object({ code: z.number(), reason: z.string() });

/** Envelope of every message Janus sends (Janus API and Admin API). Fields beyond these pass through untouched. */
export const janusMessageSchema = z
  .object({
    janus: z.string(),
    transaction: z.string().optional(),
    session_id: z.number().optional(),
    sender: z.number().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    error: errorSchema.optional(),
    plugindata: z.object({ plugin: z.string(), data: z.record(z.string(), z.unknown()) }).optional(),
    jsep: jsepSchema.optional(),
  })
  .passthrough();
export type JanusMessage = z.infer<typeof janusMessageSchema>;

/** Plugin-level error inside `plugindata.data` (`error_code` + `error`). */
export const pluginErrorSchema = z.object({ error_code: z.number(), error: z.string() });

/** `slowlink` (Janus core): the peer is losing packets on one m-line. */
export const slowLinkSchema = z.object({
  uplink: z.boolean(),
  media: z.string().optional(),
  mid: z.string().optional(),
  lost: z.number().optional(),
});
export type SlowLink = z.infer<typeof slowLinkSchema>;
