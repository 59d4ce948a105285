import { displayNameSchema, participantRoleSchema } from "@parley/protocol";
import { z } from "zod";

/** Audience and issuer of join tokens: the web app mints them, the signaling service verifies them. */
export const JOIN_TOKEN_ISSUER = "parley-web";
export const JOIN_TOKEN_AUDIENCE = "parley-signaling";
/** Join tokens are short-lived: they only need to survive the walk from the pre-join page to the socket. */
export const JOIN_TOKEN_MAX_TTL_SECONDS = 300;

/** Claims carried by a join token (JWT, HS256). `sub` is `user:<id>` or `guest:<id>`. */
export const joinTokenClaimsSchema = z.object({
  sub: z.string().regex(/^(user|guest):[A-Za-z0-9_-]{1,64}$/),
  meetingId: z.string().uuid(),
  name: displayNameSchema,
  role: participantRoleSchema,
  /**
   * This browser's guest id (its cookie), also when signed in: someone a host removed cannot come straight back
   * by signing out and joining as a guest from the same browser.
   */
  browser: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
});
export type JoinTokenClaims = z.infer<typeof joinTokenClaimsSchema>;

/** The identity behind a token subject, as the attendance record stores it. */
export function identityOf(sub: JoinTokenClaims["sub"]): { userId?: string; guestId?: string } {
  const [kind, id] = sub.split(":", 2) as [string, string];
  return kind === "user" ? { userId: id } : { guestId: id };
}
