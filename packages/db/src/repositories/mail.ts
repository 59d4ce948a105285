// Mail as it left: the idempotency record of the mail worker and, without SMTP, the local outbox.
import { z } from "zod";
import { parseInput, prismaErrorCode } from "../errors";
import type { MailMessage, PrismaClient } from "../generated/prisma/client";

const recordSchema = z.object({
  dedupeKey: z.string().min(1).max(500),
  recipient: z.string().trim().toLowerCase().pipe(z.email()),
  subject: z.string().min(1).max(500),
  transport: z.enum(["SMTP", "OUTBOX"]),
  textBody: z.string().max(200_000).nullable(),
  htmlBody: z.string().max(500_000).nullable(),
  calendar: z.string().max(500_000).nullable(),
  meetingId: z.uuid().nullable(),
});

export type RecordMailInput = z.input<typeof recordSchema>;
/** An outbox entry as the outbox page shows it. */
export type OutboxMessage = Pick<MailMessage, "id" | "recipient" | "subject" | "textBody" | "htmlBody" | "calendar" | "createdAt">;

export type MailRepository = {
  /** True when a message with this key was already sent (or put in the outbox). */
  wasSent(dedupeKey: string): Promise<boolean>;
  /** Records a sent message; a second record with the same key is ignored (returns false). */
  record(input: RecordMailInput): Promise<boolean>;
  /** Outbox messages the user may read: those addressed to them, and those about meetings they host. Newest first. */
  outboxFor(user: { id: string; email: string }, limit?: number): Promise<OutboxMessage[]>;
  /** How many messages left, by transport (for the operator's metrics). */
  countByTransport(): Promise<Record<"SMTP" | "OUTBOX", number>>;
};

export function createMailRepository(prisma: PrismaClient): MailRepository {
  return {
    async wasSent(dedupeKey) {
      return (await prisma.mailMessage.count({ where: { dedupeKey } })) > 0;
    },

    async record(input) {
      const data = parseInput(recordSchema, input, "mail message");
      try {
        await prisma.mailMessage.create({ data });
        return true;
      } catch (error) {
        if (prismaErrorCode(error) === "P2002") return false;
        throw error;
      }
    },

    async countByTransport() {
      const groups = await prisma.mailMessage.groupBy({ by: ["transport"], _count: { _all: true } });
      const counts = { SMTP: 0, OUTBOX: 0 };
      for (const group of groups) counts[group.transport] = group._count._all;
      return counts;
    },

    outboxFor: (user, limit = 100) =>
      prisma.mailMessage.findMany({
        where: {
          transport: "OUTBOX",
          OR: [{ recipient: user.email.toLowerCase() }, { meeting: { hostId: user.id } }],
        },
        select: { id: true, recipient: true, subject: true, textBody: true, htmlBody: true, calendar: true, createdAt: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: Math.min(Math.max(limit, 1), 500),
      }),
  };
}
