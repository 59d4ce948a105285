// What an administrator can do, given an already authorized admin. The server actions check the caller first.
import type { Db } from "@parley/db";
import { ADMIN_END_MEETING_PATH, adminEndMeetingAnswerSchema } from "@parley/protocol";
import { z } from "zod";
import { mintAdminTokenFor } from "@/server/admin-token";
import { SIGNUP_MODES, type SignupMode } from "./signup-policy";

export type AdminResult = { ok: true } | { ok: false; error: string };

const REFUSALS = {
  not_found: "That account no longer exists.",
  last_admin: "This is the last administrator: make someone else an administrator first.",
  invalid: "That request is not valid.",
  signaling: "The meeting server did not answer. Try again in a moment.",
} as const;

const userIdSchema = z.string().min(1).max(200);
const meetingIdSchema = z.uuid();
const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());

const fromRepository = (result: { ok: true } | { ok: false; error: "not_found" | "last_admin" }): AdminResult =>
  result.ok ? result : { ok: false, error: REFUSALS[result.error] };
const invalid: AdminResult = { ok: false, error: REFUSALS.invalid };

export async function setUserRole(db: Db, userId: unknown, role: unknown): Promise<AdminResult> {
  const id = userIdSchema.safeParse(userId);
  const wanted = z.enum(["ADMIN", "MEMBER"]).safeParse(role);
  if (!id.success || !wanted.success) return invalid;
  return fromRepository(await db.adminUsers.setRole(id.data, wanted.data));
}

/** Disabling also revokes every session of the account (the repository does both in one transaction). */
export async function setUserDisabled(db: Db, userId: unknown, disabled: boolean): Promise<AdminResult> {
  const id = userIdSchema.safeParse(userId);
  if (!id.success) return invalid;
  return fromRepository(await db.adminUsers.setDisabled(id.data, disabled));
}

export async function deleteUser(db: Db, userId: unknown): Promise<AdminResult> {
  const id = userIdSchema.safeParse(userId);
  if (!id.success) return invalid;
  return fromRepository(await db.adminUsers.remove(id.data));
}

export async function setSignupModeOverride(db: Db, mode: unknown): Promise<AdminResult> {
  const parsed = z.union([z.enum(SIGNUP_MODES), z.literal("")]).safeParse(mode);
  if (!parsed.success) return invalid;
  const value = parsed.data === "" ? null : (parsed.data.toUpperCase() as Uppercase<SignupMode>);
  await db.instance.setSignupMode(value);
  return { ok: true };
}

export async function inviteToSignUp(db: Db, adminId: string, email: unknown): Promise<AdminResult> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return { ok: false, error: "Enter a valid email address." };
  await db.instance.invite(parsed.data, adminId);
  return { ok: true };
}

export async function revokeSignupInvitation(db: Db, email: unknown): Promise<AdminResult> {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return invalid;
  await db.instance.revokeInvitation(parsed.data);
  return { ok: true };
}

export type SignalingLink = { internalUrl: string; secret: string; fetch?: typeof fetch };

/**
 * Ends a meeting for everyone: signaling ends the live room (as a host's "end for all" does) and closes attendance;
 * presences it did not know about (e.g. left open by a crashed node) are closed here, so the list tells the truth.
 */
export async function endMeetingForAll(db: Db, link: SignalingLink, adminId: string, meetingId: unknown): Promise<AdminResult> {
  const id = meetingIdSchema.safeParse(meetingId);
  if (!id.success) return invalid;
  const token = await mintAdminTokenFor({ sub: `admin:${adminId}`, meetingId: id.data, action: "end-meeting" }, link.secret);
  let answer: unknown;
  try {
    const response = await (link.fetch ?? fetch)(new URL(ADMIN_END_MEETING_PATH, link.internalUrl), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ meetingId: id.data }),
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return { ok: false, error: REFUSALS.signaling };
    answer = await response.json();
  } catch {
    return { ok: false, error: REFUSALS.signaling };
  }
  if (!adminEndMeetingAnswerSchema.safeParse(answer).success) return { ok: false, error: REFUSALS.signaling };
  await db.participants.closeOpenForMeeting(id.data);
  return { ok: true };
}
