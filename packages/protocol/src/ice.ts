import { z } from "zod";
import { iceServerSchema } from "./models";
import { emptyPayloadSchema } from "./room";

/** `ice:refresh`: fresh ICE servers (new TURN credentials) before the ones from the join expire. */
export const iceRefreshPayloadSchema = emptyPayloadSchema;

/** The answer to `ice:refresh`. */
export const iceRefreshResultSchema = z.object({
  iceServers: z.array(iceServerSchema),
  /** When these TURN credentials stop working (seconds from now); null when there is no TURN (nothing expires). */
  expiresInSeconds: z.number().int().positive().nullable(),
});
export type IceRefreshResult = z.infer<typeof iceRefreshResultSchema>;
