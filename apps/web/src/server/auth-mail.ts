import "server-only";
import { accountMailJob, type AccountMailPayload } from "@/features/notifications/account-mail";
import { db } from "./db";

type AuthMailUser = { email: string; name: string };

/** Queues an account mail durably (it survives a restart; SMTP being down never fails the request). */
async function queue(kind: AccountMailPayload["kind"], user: AuthMailUser, url: string): Promise<void> {
  await db().jobs.add([accountMailJob({ kind, to: user.email.toLowerCase(), name: user.name, url })]);
}

/** better-auth's mail hooks: password reset and address confirmation go through the mail queue. */
export const authMailHooks = {
  sendResetPassword: ({ user, url }: { user: AuthMailUser; url: string }) => queue("reset-password", user, url),
  sendVerificationEmail: ({ user, url }: { user: AuthMailUser; url: string }) => queue("verify-email", user, url),
};
