import { z } from "zod";
import { LIMITS } from "./limits";

export const chatSendPayloadSchema = z.object({
  body: z.string().trim().min(1).max(LIMITS.chatBodyMaxLength),
});
export type ChatSendPayload = z.infer<typeof chatSendPayloadSchema>;
