import { z } from "zod";

/**
 * The web app's administrators end a meeting through signaling's internal HTTP endpoint. The request carries a
 * short-lived HS256 token signed with JOIN_TOKEN_SECRET; its own audience keeps it apart from join tokens (a join
 * token is never accepted here, an admin token never joins a room), and it is bound to one meeting.
 */
export const ADMIN_TOKEN_AUDIENCE = "parley-signaling-admin";
export const ADMIN_TOKEN_MAX_TTL_SECONDS = 60;
export const ADMIN_END_MEETING_PATH = "/internal/meetings/end";
/** Largest request body the endpoint reads. */
export const ADMIN_REQUEST_MAX_BYTES = 1024;

export const adminTokenClaimsSchema = z.object({
  sub: z.string().regex(/^admin:[A-Za-z0-9_-]{1,64}$/),
  meetingId: z.uuid(),
  action: z.literal("end-meeting"),
});
export type AdminTokenClaims = z.infer<typeof adminTokenClaimsSchema>;

export const adminEndMeetingRequestSchema = z.strictObject({ meetingId: z.uuid() });
/** `ended`: a live call was ended; false when nobody was in it on the signaling side. */
export const adminEndMeetingAnswerSchema = z.object({ ended: z.boolean() });
export type AdminEndMeetingAnswer = z.infer<typeof adminEndMeetingAnswerSchema>;
