import { z } from "zod";

/**
 * The web app's administrators end a meeting through signaling's internal HTTP endpoint (the HTTP contract; the
 * bearer token it carries is minted and verified by @parley/join-auth).
 */
export const ADMIN_END_MEETING_PATH = "/internal/meetings/end";
/** Largest request body the endpoint reads. */
export const ADMIN_REQUEST_MAX_BYTES = 1024;

export const adminEndMeetingRequestSchema = z.strictObject({ meetingId: z.uuid() });
/** `ended`: a live call was ended; false when nobody was in it on the signaling side. */
export const adminEndMeetingAnswerSchema = z.object({ ended: z.boolean() });
export type AdminEndMeetingAnswer = z.infer<typeof adminEndMeetingAnswerSchema>;
