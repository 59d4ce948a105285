import { z } from "zod";

/** One published stream of a publisher, as the VideoRoom lists it. */
export const publishedStreamSchema = z
  .object({
    type: z.enum(["audio", "video", "data"]),
    mid: z.string(),
    codec: z.string().optional(),
    description: z.string().optional(),
    simulcast: z.boolean().optional(),
    disabled: z.boolean().optional(),
  })
  .passthrough();
export type PublishedStream = z.infer<typeof publishedStreamSchema>;

export const feedSchema = z
  .object({ id: z.string(), display: z.string().optional(), streams: z.array(publishedStreamSchema).default([]) })
  .passthrough();
/** A publisher in the room and what it sends. */
export type Feed = z.infer<typeof feedSchema>;

export const feedListSchema = z.array(feedSchema);
