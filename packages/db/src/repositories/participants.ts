import { z } from "zod";
import { DbError, parseInput, prismaErrorCode } from "../errors";
import type { Participant, PrismaClient } from "../generated/prisma/client";
import { EMPTY_QUALITY_TOTALS, mergeQualityTotals, qualityTotalsSchema, type QualityTotals } from "../quality";

const joinSchema = z
  .object({
    meetingId: z.uuid(),
    userId: z.string().min(1).nullable().optional(),
    guestId: z.string().min(1).max(200).nullable().optional(),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(["HOST", "GUEST"]),
  })
  // Mirrors the participant_identity_check constraint: every presence belongs to a user or a guest.
  .refine((p) => Boolean(p.userId) || Boolean(p.guestId), { message: "userId or guestId is required", path: ["guestId"] });

/** A half-open time range [from, to); an open end is unbounded. */
export type TimeWindow = { from?: Date | null; to?: Date | null };

export const windowSchema = z.object({ from: z.date().nullable().optional(), to: z.date().nullable().optional() });

export type RecordJoinInput = z.input<typeof joinSchema>;

export type ParticipantRepository = {
  /** Records one presence in a meeting's call. Throws DbError("not_found") for an unknown meeting. */
  recordJoin(input: RecordJoinInput): Promise<Participant>;
  /**
   * Adds call-quality totals to a presence (merged with what it has; see quality.ts). False when the presence does
   * not exist; DbError("invalid_input") for totals out of bounds.
   */
  recordQuality(participantId: string, totals: QualityTotals): Promise<boolean>;
  /** Sets leftAt once (later calls keep the first time); null when the participant does not exist. */
  recordLeave(participantId: string, at?: Date): Promise<Participant | null>;
  /** Attendance report: every presence in the meeting, in join order. */
  listForMeeting(meetingId: string): Promise<Participant[]>;
  /** Attendance of one occurrence: presences that began in [from, to), in join order, at most `limit` (default 2000). */
  listJoinedBetween(meetingId: string, window: TimeWindow, limit?: number): Promise<Participant[]>;
  /** Meetings with someone in the call right now (presences without leftAt), each with those presences. */
  listLive(): Promise<LiveMeeting[]>;
  /** Sets leftAt on every open presence of a meeting (after it was ended); returns how many were open. */
  closeOpenForMeeting(meetingId: string, at?: Date): Promise<number>;
  /** Of `meetingIds`, those whose call has taken place and is over: someone joined, and everyone has left. */
  callsOver(meetingIds: readonly string[]): Promise<Set<string>>;
};

/** Most live meetings the admin page lists at once. */
export const LIVE_MEETING_LIMIT = 200;

export type LiveMeeting = {
  meeting: { id: string; slug: string; title: string; hostName: string };
  participants: Array<Pick<Participant, "id" | "displayName" | "role" | "joinedAt" | "userId">>;
};

export function createParticipantRepository(prisma: PrismaClient): ParticipantRepository {
  return {
    async recordJoin(input) {
      const data = parseInput(joinSchema, input, "participant");
      try {
        return await prisma.participant.create({ data });
      } catch (error) {
        if (prismaErrorCode(error) === "P2003") throw new DbError("not_found", "meeting does not exist", { cause: error });
        throw error;
      }
    },

    async recordLeave(participantId, at) {
      if (!z.uuid().safeParse(participantId).success) return null;
      const participant = await prisma.participant.findUnique({ where: { id: participantId } });
      if (!participant || participant.leftAt) return participant;
      // NOTE: clamp so a caller's clock slightly behind the database's never yields leftAt < joinedAt.
      const requested = at ?? new Date();
      const leftAt = requested < participant.joinedAt ? participant.joinedAt : requested;
      await prisma.participant.updateMany({ where: { id: participantId, leftAt: null }, data: { leftAt } });
      return prisma.participant.findUnique({ where: { id: participantId } });
    },

    async recordQuality(participantId, totals) {
      const delta = parseInput(qualityTotalsSchema, totals, "quality totals");
      if (!z.uuid().safeParse(participantId).success) return false;
      // NOTE: one signaling socket writes a presence's quality at a time (at most every few seconds), so a read and
      // a write need no lock; a row with unreadable totals starts over rather than failing the report.
      const row = await prisma.participant.findUnique({ where: { id: participantId }, select: { quality: true } });
      if (!row) return false;
      const stored = qualityTotalsSchema.safeParse(row.quality);
      const quality = mergeQualityTotals(stored.success ? stored.data : EMPTY_QUALITY_TOTALS, delta);
      const { count } = await prisma.participant.updateMany({ where: { id: participantId }, data: { quality } });
      return count === 1;
    },

    async listForMeeting(meetingId) {
      if (!z.uuid().safeParse(meetingId).success) return [];
      return prisma.participant.findMany({ where: { meetingId }, orderBy: [{ joinedAt: "asc" }, { id: "asc" }] });
    },

    async listJoinedBetween(meetingId, window, limit = 2000) {
      const { from, to } = parseInput(windowSchema, window, "time window");
      const take = parseInput(z.number().int().min(1).max(10_000), limit, "attendance limit");
      if (!z.uuid().safeParse(meetingId).success) return [];
      return prisma.participant.findMany({
        where: { meetingId, joinedAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } },
        orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
        take,
      });
    },

    async listLive() {
      const meetings = await prisma.meeting.findMany({
        where: { participants: { some: { leftAt: null } } },
        select: {
          id: true,
          slug: true,
          title: true,
          host: { select: { name: true } },
          participants: {
            where: { leftAt: null },
            select: { id: true, displayName: true, role: true, joinedAt: true, userId: true },
            orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
          },
        },
        orderBy: { updatedAt: "desc" },
        take: LIVE_MEETING_LIMIT,
      });
      return meetings.map(({ participants, host, ...meeting }) => ({ meeting: { ...meeting, hostName: host.name }, participants }));
    },

    async closeOpenForMeeting(meetingId, at) {
      if (!z.uuid().safeParse(meetingId).success) return 0;
      const { count } = await prisma.participant.updateMany({ where: { meetingId, leftAt: null }, data: { leftAt: at ?? new Date() } });
      return count;
    },

    async callsOver(meetingIds) {
      const ids = meetingIds.filter((id) => z.uuid().safeParse(id).success);
      if (ids.length === 0) return new Set();
      const over = await prisma.meeting.findMany({
        where: { id: { in: ids }, participants: { some: {}, none: { leftAt: null } } },
        select: { id: true },
      });
      return new Set(over.map((m) => m.id));
    },
  };
}
