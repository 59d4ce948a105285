// Stores meetings and their invitees. Scheduling rules (time zones, RRULE) are validated by the web feature
// layer; this layer keeps shapes sane and enforces ownership atomically.
import { z } from "zod";
import { DbError, parseInput, prismaErrorCode } from "../errors";
import type { Prisma, PrismaClient, RsvpStatus } from "../generated/prisma/client";
import { addJobs, type QueuedJob } from "../jobs/queued-job";

const withInvitees = { invitees: { orderBy: { email: "asc" } } } satisfies Prisma.MeetingInclude;
const withHostAndInvitees = {
  host: { select: { id: true, name: true, email: true } },
  ...withInvitees,
  exceptions: { orderBy: { originalStart: "asc" }, select: { originalStart: true, cancelled: true, startsAt: true, durationMinutes: true } },
} satisfies Prisma.MeetingInclude;

export type MeetingWithInvitees = Prisma.MeetingGetPayload<{ include: typeof withInvitees }>;
export type MeetingDetails = Prisma.MeetingGetPayload<{ include: typeof withHostAndInvitees }>;

/** A change as the transaction saw it, for deciding whom to notify (both include host and invitees). */
export type MeetingChange = { before: MeetingDetails; after: MeetingDetails };
/** Jobs to queue in the same transaction as the write (e.g. invitation mails); computed from the written rows. */
export type JobsFor<T> = { jobs?: (written: T) => QueuedJob[] };

export type HostActionError = "not_found" | "forbidden" | "cancelled";
/** Outcome of a host-only write; on `ok: false` nothing was written. */
export type HostActionResult = { ok: true; meeting: MeetingDetails } | { ok: false; error: HostActionError };

/** Invitee emails are compared case-insensitively, so they are stored trimmed and lowercased, once each. */
const inviteesSchema = z
  .array(z.string().trim().toLowerCase().pipe(z.email()))
  .max(500)
  .transform((emails) => [...new Set(emails)]);

const meetingFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullable().optional(),
  startsAt: z.date(),
  durationMinutes: z.number().int().min(1).max(1440),
  timeZone: z.string().trim().min(1).max(100),
  rrule: z.string().trim().min(1).max(1000).nullable().optional(),
  lobbyEnabled: z.boolean(),
  /** AUTO: mesh, then the SFU as the call grows; SFU: the media server from the first participant on. */
  mediaMode: z.enum(["AUTO", "SFU"]).optional(),
  passcodeHash: z.string().min(1).max(500).nullable().optional(),
  /** Minutes before each occurrence that a reminder is mailed (a week at most); null: none. */
  reminderMinutes: z.number().int().min(0).max(10_080).nullable().optional(),
  invitees: inviteesSchema,
  /** Invitees (of `invitees`) who join as co-hosts when signed in with that (verified) email. */
  cohosts: inviteesSchema.optional(),
};

/** Co-hosts are chosen among the invitees. */
const cohostsAreInvitees = (m: { invitees?: string[] | undefined; cohosts?: string[] | undefined }) =>
  !m.cohosts || !m.invitees || m.cohosts.every((email) => m.invitees?.includes(email));
const cohostsAreInviteesIssue = { message: "co-hosts must be invitees", path: ["cohosts"] };

const createSchema = z.object({
  ...meetingFields,
  hostId: z.string().min(1),
  slug: z.string().min(1).max(100),
  instant: z.boolean(),
}).refine(cohostsAreInvitees, cohostsAreInviteesIssue);

const patchSchema = z.object(meetingFields).partial().refine(cohostsAreInvitees, cohostsAreInviteesIssue);

/** One occurrence cancelled, or moved to a new start and length (RECURRENCE-ID = originalStart). */
const occurrenceChangeSchema = z.discriminatedUnion("cancelled", [
  z.object({ originalStart: z.date(), cancelled: z.literal(true) }),
  z.object({ originalStart: z.date(), cancelled: z.literal(false), startsAt: z.date(), durationMinutes: z.number().int().min(1).max(1440) }),
]);
export type OccurrenceChange = z.input<typeof occurrenceChangeSchema>;

/** The fields that decide which occurrences a series has: changing one drops the per-occurrence changes. */
const SCHEDULE_FIELDS = ["startsAt", "durationMinutes", "timeZone", "rrule"] as const;

export type CreateMeetingInput = z.input<typeof createSchema>;
export type MeetingPatch = z.input<typeof patchSchema>;

export type RsvpError = "not_found" | "cancelled";
export type RsvpResult = { ok: true; meeting: MeetingDetails } | { ok: false; error: RsvpError };

export type MeetingRepository = {
  /**
   * Creates the meeting, its invitees and `options.jobs` in one transaction.
   * Throws DbError("conflict") if the slug is taken.
   */
  create(input: CreateMeetingInput, options?: JobsFor<MeetingDetails>): Promise<MeetingDetails>;
  /** The meeting behind a join link, with its host and invitees, or null. */
  findBySlug(slug: string): Promise<MeetingDetails | null>;
  findById(id: string): Promise<MeetingDetails | null>;
  /** All of a host's meetings (cancelled ones too), earliest first. */
  listForHost(hostId: string): Promise<MeetingDetails[]>;
  /** Meetings (cancelled ones too) that list `email` as an invitee, earliest first. */
  listForInvitee(email: string): Promise<MeetingDetails[]>;
  /**
   * Edits a scheduled meeting the caller hosts; `invitees` replaces the whole set (answers of kept invitees stay).
   * Every edit raises the iTIP `sequence` by one.
   */
  updateAsHost(hostId: string, meetingId: string, patch: MeetingPatch, options?: JobsFor<MeetingChange>): Promise<HostActionResult>;
  /**
   * Cancels or moves one occurrence of a series the caller hosts (sequence + 1). Whether `originalStart` is an
   * occurrence of the series is checked by the caller, which knows the recurrence rules.
   */
  changeOccurrenceAsHost(
    hostId: string,
    meetingId: string,
    change: OccurrenceChange,
    options?: JobsFor<MeetingDetails>,
  ): Promise<HostActionResult>;
  /** Marks a scheduled meeting the caller hosts as cancelled (sequence + 1); the record stays. */
  cancelAsHost(hostId: string, meetingId: string, options?: JobsFor<MeetingDetails>): Promise<HostActionResult>;
  /**
   * Whether this user is a co-host of the meeting: listed as an invitee marked co-host under the user's email, and
   * that email is verified (anyone may sign up with any address; only a verified one proves it is theirs).
   */
  isCohost(meetingId: string, userId: string): Promise<boolean>;
  /** Records an invitee's answer; refused for unknown meetings or invitees and for cancelled meetings. */
  respond(meetingId: string, email: string, status: Exclude<RsvpStatus, "NEEDS_ACTION">): Promise<RsvpResult>;
};

const isUuid = (id: string) => z.uuid().safeParse(id).success;

export function createMeetingRepository(prisma: PrismaClient): MeetingRepository {
  /** Why a guarded write matched no row. Runs inside the same transaction, after the write attempt. */
  async function refusal(tx: Prisma.TransactionClient, hostId: string, meetingId: string): Promise<HostActionError> {
    const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, select: { hostId: true, status: true } });
    if (!meeting) return "not_found";
    if (meeting.hostId !== hostId) return "forbidden";
    return "cancelled";
  }

  return {
    async create(input, options = {}) {
      const { invitees, cohosts = [], ...meeting } = parseInput(createSchema, input, "meeting");
      try {
        return await prisma.$transaction(async (tx) => {
          const created = await tx.meeting.create({
            data: { ...meeting, invitees: { create: invitees.map((email) => ({ email, cohost: cohosts.includes(email) })) } },
            include: withHostAndInvitees,
          });
          await addJobs(tx, options.jobs?.(created) ?? []);
          return created;
        });
      } catch (error) {
        if (prismaErrorCode(error) === "P2002") throw new DbError("conflict", "meeting slug already taken", { cause: error });
        if (prismaErrorCode(error) === "P2003") throw new DbError("not_found", "host user does not exist", { cause: error });
        throw error;
      }
    },

    findBySlug: (slug) => prisma.meeting.findUnique({ where: { slug }, include: withHostAndInvitees }),

    async findById(id) {
      // NOTE: ids are UUID columns; a malformed id would be a database error rather than "no such meeting".
      if (!isUuid(id)) return null;
      return prisma.meeting.findUnique({ where: { id }, include: withHostAndInvitees });
    },

    listForHost: (hostId) =>
      prisma.meeting.findMany({ where: { hostId }, include: withHostAndInvitees, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),

    async listForInvitee(email) {
      const address = z.string().trim().toLowerCase().pipe(z.email()).safeParse(email);
      if (!address.success) return [];
      return prisma.meeting.findMany({
        where: { invitees: { some: { email: address.data } } },
        include: withHostAndInvitees,
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      });
    },

    async updateAsHost(hostId, meetingId, patch, options = {}) {
      const { invitees, cohosts, ...fields } = parseInput(patchSchema, patch, "meeting patch");
      if (!isUuid(meetingId)) return { ok: false, error: "not_found" };
      return prisma.$transaction(async (tx): Promise<HostActionResult> => {
        const before = await tx.meeting.findUnique({ where: { id: meetingId }, include: withHostAndInvitees });
        // The guard is part of the write, so a concurrent cancel or a stale ownership check cannot slip through.
        const { count } = await tx.meeting.updateMany({
          where: { id: meetingId, hostId, status: "SCHEDULED" },
          data: { ...fields, sequence: { increment: 1 } },
        });
        if (count === 0 || !before) return { ok: false, error: await refusal(tx, hostId, meetingId) };
        // NOTE: a new series shape generates other occurrences; changes made to single old ones no longer apply.
        const reshaped = SCHEDULE_FIELDS.some((field) => {
          const value = fields[field];
          return value !== undefined && (value instanceof Date ? value.getTime() !== (before[field] as Date).getTime() : value !== before[field]);
        });
        if (reshaped) await tx.meetingException.deleteMany({ where: { meetingId } });
        if (invitees) {
          await tx.invitee.deleteMany({ where: { meetingId, email: { notIn: invitees } } });
          await tx.invitee.createMany({ data: invitees.map((email) => ({ meetingId, email })), skipDuplicates: true });
        }
        if (cohosts) {
          await tx.invitee.updateMany({ where: { meetingId, email: { in: cohosts } }, data: { cohost: true } });
          await tx.invitee.updateMany({ where: { meetingId, email: { notIn: cohosts } }, data: { cohost: false } });
        }
        const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: withHostAndInvitees });
        await addJobs(tx, options.jobs?.({ before, after: meeting }) ?? []);
        return { ok: true, meeting };
      });
    },

    async isCohost(meetingId, userId) {
      if (!isUuid(meetingId)) return false;
      const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
      if (!user?.emailVerified) return false;
      const invitee = await prisma.invitee.findUnique({
        where: { meetingId_email: { meetingId, email: user.email.trim().toLowerCase() } },
        select: { cohost: true },
      });
      return invitee?.cohost === true;
    },

    async changeOccurrenceAsHost(hostId, meetingId, change, options = {}) {
      const parsed = parseInput(occurrenceChangeSchema, change, "occurrence change");
      if (!isUuid(meetingId)) return { ok: false, error: "not_found" };
      return prisma.$transaction(async (tx): Promise<HostActionResult> => {
        const { count } = await tx.meeting.updateMany({
          where: { id: meetingId, hostId, status: "SCHEDULED" },
          data: { sequence: { increment: 1 } },
        });
        if (count === 0) return { ok: false, error: await refusal(tx, hostId, meetingId) };
        const data = parsed.cancelled
          ? { cancelled: true, startsAt: null, durationMinutes: null }
          : { cancelled: false, startsAt: parsed.startsAt, durationMinutes: parsed.durationMinutes };
        await tx.meetingException.upsert({
          where: { meetingId_originalStart: { meetingId, originalStart: parsed.originalStart } },
          create: { meetingId, originalStart: parsed.originalStart, ...data },
          update: data,
        });
        const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: withHostAndInvitees });
        await addJobs(tx, options.jobs?.(meeting) ?? []);
        return { ok: true, meeting };
      });
    },

    async cancelAsHost(hostId, meetingId, options = {}) {
      if (!isUuid(meetingId)) return { ok: false, error: "not_found" };
      return prisma.$transaction(async (tx): Promise<HostActionResult> => {
        const { count } = await tx.meeting.updateMany({
          where: { id: meetingId, hostId, status: "SCHEDULED" },
          data: { status: "CANCELLED", cancelledAt: new Date(), sequence: { increment: 1 } },
        });
        if (count === 0) return { ok: false, error: await refusal(tx, hostId, meetingId) };
        const meeting = await tx.meeting.findUniqueOrThrow({ where: { id: meetingId }, include: withHostAndInvitees });
        await addJobs(tx, options.jobs?.(meeting) ?? []);
        return { ok: true, meeting };
      });
    },

    async respond(meetingId, email, status) {
      if (!isUuid(meetingId)) return { ok: false, error: "not_found" };
      return prisma.$transaction(async (tx): Promise<RsvpResult> => {
        // The status guard is part of the write, so an answer cannot land on a meeting cancelled meanwhile.
        const { count } = await tx.invitee.updateMany({
          where: { meetingId, email: email.trim().toLowerCase(), meeting: { status: "SCHEDULED" } },
          data: { rsvp: status, respondedAt: new Date() },
        });
        const meeting = await tx.meeting.findUnique({ where: { id: meetingId }, include: withHostAndInvitees });
        if (count === 1 && meeting) return { ok: true, meeting };
        return { ok: false, error: meeting?.status === "CANCELLED" ? "cancelled" : "not_found" };
      });
    },
  };
}
