import { z } from "zod";
import { displayNameSchema } from "./text";

/** Audience and issuer of join tokens: the web app mints them, the signaling service verifies them. */
export const JOIN_TOKEN_ISSUER = "parley-web";
export const JOIN_TOKEN_AUDIENCE = "parley-signaling";
/** Join tokens are short-lived: they only need to survive the walk from the pre-join page to the socket. */
export const JOIN_TOKEN_MAX_TTL_SECONDS = 300;

export const participantRoleSchema = z.enum(["host", "guest"]);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

/** Claims carried by a join token (JWT, HS256). `sub` is `user:<id>` or `guest:<id>`. */
export const joinTokenClaimsSchema = z.object({
  sub: z.string().regex(/^(user|guest):[A-Za-z0-9_-]{1,64}$/),
  meetingId: z.string().uuid(),
  name: displayNameSchema,
  role: participantRoleSchema,
});
export type JoinTokenClaims = z.infer<typeof joinTokenClaimsSchema>;
