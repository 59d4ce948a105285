// Private calendar subscription links: one secret token per user; rotating it revokes the old link.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient, User } from "../generated/prisma/client";

/** 32 random bytes, base64url: 43 characters. Anything else is not a token we issued. */
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export type CalendarFeedRepository = {
  /** The user's current token, or null when they have none (never created, or revoked). */
  tokenFor(userId: string): Promise<string | null>;
  /** Issues a new token, replacing (and so revoking) the previous one. */
  rotate(userId: string): Promise<string>;
  /** Removes the user's token: the old link stops working. */
  revoke(userId: string): Promise<void>;
  /** The user a token belongs to, or null for an unknown, revoked or malformed token. */
  userForToken(token: string): Promise<User | null>;
};

export function createCalendarFeedRepository(prisma: PrismaClient): CalendarFeedRepository {
  return {
    async tokenFor(userId) {
      return (await prisma.calendarFeed.findUnique({ where: { userId } }))?.token ?? null;
    },

    async rotate(userId) {
      const token = randomBytes(32).toString("base64url");
      await prisma.calendarFeed.upsert({ where: { userId }, create: { userId, token }, update: { token, createdAt: new Date() } });
      return token;
    },

    async revoke(userId) {
      await prisma.calendarFeed.deleteMany({ where: { userId } });
    },

    async userForToken(token) {
      if (!tokenSchema.safeParse(token).success) return null;
      return (await prisma.calendarFeed.findUnique({ where: { token }, include: { user: true } }))?.user ?? null;
    },
  };
}
