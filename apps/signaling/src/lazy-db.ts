import type { SignalingDb } from "./db";

/**
 * A SignalingDb whose client is created on first use (or by `load()`). Loading Prisma's client and query compiler is
 * the largest part of the service's start-up (seconds on a busy machine), and after a crash every client resumes at
 * once, which needs no database: so the process listens first and loads the database client afterwards.
 */
export function lazyDb(create: () => Promise<SignalingDb & { close(): Promise<void> }>): SignalingDb & {
  load(): Promise<void>;
  close(): Promise<void>;
} {
  let loading: Promise<SignalingDb & { close(): Promise<void> }> | undefined;
  const db = () => (loading ??= create());
  return {
    load: async () => void (await db()),
    close: async () => {
      if (loading) await (await loading).close();
    },
    prisma: { $queryRawUnsafe: async (query) => (await db()).prisma.$queryRawUnsafe(query) },
    meetings: { findById: async (id) => (await db()).meetings.findById(id) },
    participants: {
      recordJoin: async (input) => (await db()).participants.recordJoin(input),
      recordLeave: async (id, at) => (await db()).participants.recordLeave(id, at),
      recordQuality: async (id, totals) => (await db()).participants.recordQuality(id, totals),
    },
    chat: {
      append: async (input) => (await db()).chat.append(input),
      history: async (meetingId, limit) => (await db()).chat.history(meetingId, limit),
    },
    recordings: {
      start: async (input) => (await db()).recordings.start(input),
      stop: async (id, input) => (await db()).recordings.stop(id, input),
      cancel: async (id) => (await db()).recordings.cancel(id),
    },
  };
}
