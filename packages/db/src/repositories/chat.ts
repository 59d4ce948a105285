import { z } from "zod";
import { DbError, parseInput, prismaErrorCode } from "../errors";
import type { ChatMessage, PrismaClient } from "../generated/prisma/client";

const appendSchema = z.object({
  meetingId: z.uuid(),
  participantId: z.uuid().nullable().optional(),
  senderName: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(10_000),
});

export type AppendChatInput = z.input<typeof appendSchema>;

export type ChatRepository = {
  /** Stores one message. Throws DbError("not_found") for an unknown meeting or participant. */
  append(input: AppendChatInput): Promise<ChatMessage>;
  /** The meeting's last `limit` messages, oldest first. */
  history(meetingId: string, limit?: number): Promise<ChatMessage[]>;
};

export function createChatRepository(prisma: PrismaClient): ChatRepository {
  return {
    async append(input) {
      const data = parseInput(appendSchema, input, "chat message");
      try {
        return await prisma.chatMessage.create({ data });
      } catch (error) {
        if (prismaErrorCode(error) === "P2003") throw new DbError("not_found", "meeting or participant does not exist", { cause: error });
        throw error;
      }
    },

    async history(meetingId, limit = 200) {
      const take = parseInput(z.number().int().min(1).max(1000), limit, "history limit");
      if (!z.uuid().safeParse(meetingId).success) return [];
      const newestFirst = await prisma.chatMessage.findMany({
        where: { meetingId },
        // NOTE: seq, not the (random) id, breaks ties between messages of the same millisecond.
        orderBy: [{ createdAt: "desc" }, { seq: "desc" }],
        take,
      });
      return newestFirst.reverse();
    },
  };
}
