"use server";
// Every admin action re-checks the caller against the database first: a non-admin (or a signed-out visitor, or an
// admin disabled a moment ago) changes nothing and learns nothing beyond "not found".
import { revalidatePath } from "next/cache";
import { env } from "@/env";
import { currentAdmin } from "@/server/admin";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import type { SessionUser } from "@/server/session";
import {
  deleteUser,
  endMeetingForAll,
  inviteToSignUp,
  revokeSignupInvitation,
  setSignupModeOverride,
  setUserDisabled,
  setUserRole,
  type AdminResult,
} from "./admin-service";

const NOT_FOUND: AdminResult = { ok: false, error: "Not found." };

async function asAdmin(action: string, run: (admin: SessionUser) => Promise<AdminResult>): Promise<AdminResult> {
  const admin = await currentAdmin();
  if (!admin) return NOT_FOUND;
  const result = await run(admin);
  logger.info({ adminId: admin.id, action, ok: result.ok }, "admin action");
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function setUserRoleAction(userId: string, role: "ADMIN" | "MEMBER"): Promise<AdminResult> {
  return asAdmin("set-role", () => setUserRole(db(), userId, role));
}

export async function setUserDisabledAction(userId: string, disabled: boolean): Promise<AdminResult> {
  return asAdmin(disabled ? "disable-user" : "enable-user", () => setUserDisabled(db(), userId, disabled === true));
}

export async function deleteUserAction(userId: string): Promise<AdminResult> {
  return asAdmin("delete-user", () => deleteUser(db(), userId));
}

export async function endMeetingAction(meetingId: string): Promise<AdminResult> {
  const config = env();
  const link = { internalUrl: config.SIGNALING_INTERNAL_URL ?? config.SIGNALING_PUBLIC_URL, secret: config.JOIN_TOKEN_SECRET };
  return asAdmin("end-meeting", (admin) => endMeetingForAll(db(), link, admin.id, meetingId));
}

export async function setSignupModeAction(mode: string): Promise<AdminResult> {
  return asAdmin("set-signup-mode", () => setSignupModeOverride(db(), mode));
}

export async function inviteAction(_previous: AdminResult | null, form: FormData): Promise<AdminResult> {
  return asAdmin("invite", (admin) => inviteToSignUp(db(), admin.id, form.get("email")));
}

export async function revokeInvitationAction(email: string): Promise<AdminResult> {
  return asAdmin("revoke-invitation", () => revokeSignupInvitation(db(), email));
}
