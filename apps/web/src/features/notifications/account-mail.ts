import type { QueuedJob } from "@parley/db";
import { createHash } from "node:crypto";
import { createElement } from "react";
import { z } from "zod";
import { oneLine } from "@/features/scheduling/ics";
import type { OutgoingMail } from "@/server/mail/outgoing-mail";
import { renderEmail } from "@/server/mail/render";
import { AccountEmail, accountEmailSubject } from "./emails/account-email";

/** The worker task that sends password-reset and verification mail. */
export const ACCOUNT_MAIL_TASK = "account_mail";

export const accountMailPayloadSchema = z.object({
  kind: z.enum(["reset-password", "verify-email"]),
  to: z.email(),
  name: z.string().max(500),
  url: z.url().max(4000),
});
export type AccountMailPayload = z.infer<typeof accountMailPayloadSchema>;

/** One job per link: the same link is never mailed twice. The key holds a hash, never the link's token. */
export function accountMailJob(payload: AccountMailPayload): QueuedJob {
  const linkHash = createHash("sha256").update(payload.url).digest("base64url").slice(0, 22);
  return { task: ACCOUNT_MAIL_TASK, key: `account:${payload.kind}:${payload.to}:${linkHash}`, payload, maxAttempts: 8 };
}

export async function buildAccountMail(payload: AccountMailPayload, key: string): Promise<OutgoingMail> {
  const { html, text } = await renderEmail(createElement(AccountEmail, { kind: payload.kind, name: oneLine(payload.name), url: payload.url }));
  return { key, to: payload.to, subject: accountEmailSubject(payload.kind), html, text };
}
