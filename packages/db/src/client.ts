import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { createChatRepository, type ChatRepository } from "./repositories/chat";
import { createMeetingRepository, type MeetingRepository } from "./repositories/meetings";
import { createParticipantRepository, type ParticipantRepository } from "./repositories/participants";
import { createRecordingRepository, type RecordingRepository } from "./repositories/recordings";
import { createUserRepository, type UserRepository } from "./repositories/users";

export type Db = {
  /** Escape hatch (e.g. better-auth's prisma adapter); prefer the repositories. */
  prisma: PrismaClient;
  users: UserRepository;
  meetings: MeetingRepository;
  participants: ParticipantRepository;
  chat: ChatRepository;
  recordings: RecordingRepository;
  /** Closes the connection pool; safe to call twice. */
  close(): Promise<void>;
};

/** Connects lazily to Postgres through node-postgres (no native query engine). */
export function createDb(databaseUrl: string): Db {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  let closed: Promise<void> | undefined;
  return {
    prisma,
    users: createUserRepository(prisma),
    meetings: createMeetingRepository(prisma),
    participants: createParticipantRepository(prisma),
    chat: createChatRepository(prisma),
    recordings: createRecordingRepository(prisma),
    close: () => (closed ??= prisma.$disconnect()),
  };
}
