import type { Db } from "@parley/db";
import { joinTokenKey, mintJoinToken } from "@parley/join-auth";
import { displayNameSchema, type JoinGrant, type JoinTokenErrorCode, type ParticipantRole } from "@parley/protocol";
import { z } from "zod";
import { MEETING_SLUG_PATTERN } from "@/features/scheduling/slug";

export const joinRequestSchema = z.object({
  name: displayNameSchema.optional(),
});

export type JoinRefusal = {
  status: 400 | 404 | 410;
  code: Exclude<JoinTokenErrorCode, "rate_limited">;
  message: string;
};

/** Who asks; `browser` is the browser's guest id (cookie), sent along for signed-in users too. */
type Identity = ({ kind: "user"; id: string; name: string } | { kind: "guest"; id: string }) & { browser?: string };

/**
 * Decides who joins a meeting as what, and mints the short-lived join token the signaling service verifies.
 * The host is whoever created the meeting; a signed-in invitee the host marked co-host (by verified email) is a
 * co-host; everyone else is a guest. Lobby and passcode are enforced by signaling.
 */
export async function grantJoin(
  deps: { db: Db; secret: string; ttlSeconds: number; signalingUrl: string },
  slug: string,
  identity: Identity,
  body: unknown,
): Promise<{ ok: true; grant: JoinGrant } | { ok: false; refusal: JoinRefusal }> {
  const parsed = joinRequestSchema.safeParse(body ?? {});
  if (!parsed.success) {
    return { ok: false, refusal: { status: 400, code: "invalid_payload", message: parsed.error.issues[0]?.message ?? "Invalid request" } };
  }
  const meeting = MEETING_SLUG_PATTERN.test(slug) ? await deps.db.meetings.findBySlug(slug) : null;
  if (!meeting) return { ok: false, refusal: { status: 404, code: "not_found", message: "This meeting link is not valid." } };
  if (meeting.status === "CANCELLED") {
    return { ok: false, refusal: { status: 410, code: "meeting_cancelled", message: "This meeting was cancelled." } };
  }
  const name = parsed.data.name ?? (identity.kind === "user" ? accountName(identity.name) : undefined);
  if (!name) return { ok: false, refusal: { status: 400, code: "invalid_payload", message: "Enter your name" } };
  const role = await roleOf(deps.db, meeting, identity);
  const token = await mintJoinToken(
    { sub: `${identity.kind}:${identity.id}`, meetingId: meeting.id, name, role, ...(identity.browser ? { browser: identity.browser } : {}) },
    joinTokenKey(deps.secret),
    { ttlSeconds: deps.ttlSeconds },
  );
  const grant = { token, expiresInSeconds: deps.ttlSeconds, meetingId: meeting.id, name, role, signalingUrl: deps.signalingUrl };
  return { ok: true, grant };
}

async function roleOf(db: Db, meeting: { id: string; hostId: string }, identity: Identity): Promise<ParticipantRole> {
  if (identity.kind !== "user") return "guest";
  if (identity.id === meeting.hostId) return "host";
  return (await db.meetings.isCohost(meeting.id, identity.id)) ? "cohost" : "guest";
}

/**
 * An account's name as the meeting shows it. Accounts from before the name rule may hold a name it refuses
 * (too long, control characters): those join under the name they type on the pre-join page instead of failing.
 */
function accountName(name: string): string | undefined {
  const parsed = displayNameSchema.safeParse(name);
  return parsed.success ? parsed.data : undefined;
}
