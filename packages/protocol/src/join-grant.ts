import { z } from "zod";
import { errorCodeSchema } from "./errors";
import { LIMITS } from "./limits";
import { participantRoleSchema } from "./models";

// The HTTP answer of `POST /api/m/<slug>/join-token` (web app → browser): a join grant, or a refusal with a code.

/** What the browser needs to join: the short-lived join token and where the signaling service lives. */
export const joinGrantSchema = z.object({
  /** HS256 JWT; the browser passes it on in `room:join` without reading it. */
  token: z.string().min(1).max(LIMITS.tokenMaxLength),
  expiresInSeconds: z.number().int().positive(),
  meetingId: z.uuid(),
  name: z.string().min(1).max(LIMITS.nameMaxLength),
  role: participantRoleSchema,
  /** Runtime configuration of the web app (SIGNALING_PUBLIC_URL). */
  signalingUrl: z.url(),
});
export type JoinGrant = z.infer<typeof joinGrantSchema>;

/** Why the web app refused a join token. */
export const joinTokenErrorCodeSchema = errorCodeSchema.extract(["invalid_payload", "not_found", "meeting_cancelled", "rate_limited"]);
export type JoinTokenErrorCode = z.infer<typeof joinTokenErrorCodeSchema>;

export const joinTokenRefusalSchema = z.object({
  error: z.object({ code: joinTokenErrorCodeSchema, message: z.string().min(1).max(500) }),
});
export type JoinTokenRefusal = z.infer<typeof joinTokenRefusalSchema>;

/** Either shape; a refusal comes with a 4xx status, a grant with 200. */
export const joinTokenAnswerSchema = z.union([joinGrantSchema, joinTokenRefusalSchema]);
export type JoinTokenAnswer = z.infer<typeof joinTokenAnswerSchema>;
