import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { createAdminUserRepository, type AdminUserRepository } from "./repositories/admin-users";
import { jobStats, type JobStat } from "./jobs/job-stats";
import { addJobs, type QueuedJob } from "./jobs/queued-job";
import { createCalendarFeedRepository, type CalendarFeedRepository } from "./repositories/calendar-feeds";
import { createChatRepository, type ChatRepository } from "./repositories/chat";
import { createMailRepository, type MailRepository } from "./repositories/mail";
import { createMeetingRepository, type MeetingRepository } from "./repositories/meetings";
import { createInstanceRepository, type InstanceRepository } from "./repositories/instance";
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
  /** Accounts as administrators manage them (roles, disabling, deleting; never the last admin). */
  adminUsers: AdminUserRepository;
  /** Instance settings and sign-up invitations. */
  instance: InstanceRepository;
  mail: MailRepository;
  calendarFeeds: CalendarFeedRepository;
  /** Queues background jobs on their own (no other write to commit with); see QueuedJob. */
  jobs: {
    add(jobs: QueuedJob[]): Promise<void>;
    /** Waiting, retrying and failed jobs per task. */
    stats(): Promise<JobStat[]>;
  };
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
    adminUsers: createAdminUserRepository(prisma),
    instance: createInstanceRepository(prisma),
    mail: createMailRepository(prisma),
    calendarFeeds: createCalendarFeedRepository(prisma),
    jobs: { add: (jobs) => prisma.$transaction((tx) => addJobs(tx, jobs)), stats: () => jobStats(prisma) },
    close: () => (closed ??= prisma.$disconnect()),
  };
}
