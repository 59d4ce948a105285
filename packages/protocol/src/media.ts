import { z } from "zod";
import { participantIdSchema } from "./models";

/** `media:update`: the sender's own state changed. At least one field. */
export const mediaUpdatePayloadSchema = z
  .object({
    audioMuted: z.boolean().optional(),
    videoMuted: z.boolean().optional(),
    screenSharing: z.boolean().optional(),
  })
  .refine((p) => p.audioMuted !== undefined || p.videoMuted !== undefined || p.screenSharing !== undefined, {
    message: "at least one of audioMuted, videoMuted, screenSharing",
  });
export type MediaUpdatePayload = z.infer<typeof mediaUpdatePayloadSchema>;

export const mediaKindSchema = z.enum(["audio", "video"]);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** `media:muted` (server → the muted participant): a host muted you; the state is already muted for everyone else. */
export const mediaMutedSchema = z.object({ by: participantIdSchema, kind: mediaKindSchema });
export type MediaMuted = z.infer<typeof mediaMutedSchema>;
