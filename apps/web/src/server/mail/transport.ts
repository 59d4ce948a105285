import type { MailRepository } from "@parley/db";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Logger } from "pino";
import type { OutgoingMail } from "./outgoing-mail";

export type MailTransport = {
  /** "smtp" sends through SMTP_URL; "outbox" (no SMTP configured) logs the mail and keeps it for the outbox page. */
  readonly kind: "smtp" | "outbox";
  /** Delivers the mail once: a key that was already delivered is skipped. Throws when SMTP refuses or is down. */
  deliver(mail: OutgoingMail): Promise<"sent" | "duplicate">;
  close(): void;
};

type TransportDeps = { smtpUrl?: string; from: string; mail: MailRepository; log: Logger };

/** SMTP when a URL is configured, the local outbox otherwise; both record what left, which makes delivery idempotent. */
export function createMailTransport({ smtpUrl, from, mail, log }: TransportDeps): MailTransport {
  if (!smtpUrl) {
    return {
      kind: "outbox",
      async deliver(message) {
        const recorded = await mail.record({
          dedupeKey: message.key,
          recipient: message.to,
          subject: message.subject,
          transport: "OUTBOX",
          textBody: message.text,
          htmlBody: message.html,
          calendar: message.calendar?.content ?? null,
          meetingId: message.meetingId ?? null,
        });
        if (!recorded) return "duplicate";
        // NOTE: no SMTP configured (the quick start): the log is where an operator finds the mail, links included.
        log.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, "mail kept in the local outbox (SMTP_URL is not set)");
        return "sent";
      },
      close() {},
    };
  }

  const smtp = nodemailer.createTransport({
    url: smtpUrl,
    // Fail fast on a dead server: the job is retried with backoff instead of holding a worker slot.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as SMTPTransport.Options);
  return {
    kind: "smtp",
    async deliver(message) {
      if (await mail.wasSent(message.key)) return "duplicate";
      await smtp.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.calendar
          ? { icalEvent: { method: message.calendar.method, filename: "invite.ics", content: message.calendar.content } }
          : {}),
      });
      // NOTE: a crash between sending and recording can send one message twice; never zero times.
      await mail.record({
        dedupeKey: message.key,
        recipient: message.to,
        subject: message.subject,
        transport: "SMTP",
        textBody: null,
        htmlBody: null,
        calendar: null,
        meetingId: message.meetingId ?? null,
      });
      log.info({ mail: { to: message.to, subject: message.subject } }, "mail sent");
      return "sent";
    },
    close: () => smtp.close(),
  };
}
