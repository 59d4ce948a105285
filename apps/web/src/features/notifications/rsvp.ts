import type { Db, MeetingDetails } from "@parley/db";
import { z } from "zod";
import { verifyRsvpToken } from "./rsvp-token";

export const RSVP_ANSWERS = { accepted: "ACCEPTED", tentative: "TENTATIVE", declined: "DECLINED" } as const;
export type RsvpAnswer = keyof typeof RSVP_ANSWERS;
export const rsvpAnswerSchema = z.enum(["accepted", "tentative", "declined"]);

export type RsvpRefusal = "invalid_link" | "expired_link" | "not_found" | "cancelled" | "invalid_answer";
export type RsvpOutcome<T> = { ok: true; value: T } | { ok: false; error: RsvpRefusal };

/** What the RSVP page may show for a link: the meeting and who answers, or why the link does not work. */
export async function readRsvpLink(db: Db, key: Uint8Array, token: string): Promise<RsvpOutcome<{ meeting: MeetingDetails; email: string }>> {
  const verified = await verifyRsvpToken(key, token);
  if (!verified.ok) return { ok: false, error: verified.error === "expired" ? "expired_link" : "invalid_link" };
  const meeting = await db.meetings.findById(verified.claims.meetingId);
  const email = verified.claims.email.toLowerCase();
  if (!meeting || !meeting.invitees.some((i) => i.email === email)) return { ok: false, error: "not_found" };
  if (meeting.status === "CANCELLED") return { ok: false, error: "cancelled" };
  return { ok: true, value: { meeting, email } };
}

/** Records an answer given through a signed link. Nothing changes unless link, meeting and answer are all valid. */
export async function answerRsvp(db: Db, key: Uint8Array, token: string, answer: unknown): Promise<RsvpOutcome<RsvpAnswer>> {
  const parsed = rsvpAnswerSchema.safeParse(answer);
  if (!parsed.success) return { ok: false, error: "invalid_answer" };
  const verified = await verifyRsvpToken(key, token);
  if (!verified.ok) return { ok: false, error: verified.error === "expired" ? "expired_link" : "invalid_link" };
  const result = await db.meetings.respond(verified.claims.meetingId, verified.claims.email, RSVP_ANSWERS[parsed.data]);
  return result.ok ? { ok: true, value: parsed.data } : { ok: false, error: result.error };
}
