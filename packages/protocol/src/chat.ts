import { z } from "zod";
import { LIMITS } from "./limits";
import { multiLineTextSchema } from "./text";

export const chatSendPayloadSchema = z.object({
  /** Newlines and tabs are fine; other control characters (NUL first of all) are refused as `invalid_payload`. */
  body: multiLineTextSchema(LIMITS.chatBodyMaxLength).min(1),
});
export type ChatSendPayload = z.infer<typeof chatSendPayloadSchema>;
