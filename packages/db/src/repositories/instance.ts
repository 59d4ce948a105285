// Instance-wide settings an administrator changes at runtime, and who may create an account.
import { z } from "zod";
import { parseInput } from "../errors";
import type { PrismaClient, SignupInvitation, SignupMode } from "../generated/prisma/client";

const SETTINGS_ID = 1;
/** Most invitations the admin page lists (oldest first). */
export const SIGNUP_INVITATION_LIMIT = 1000;

const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email());

export type InstanceSettingsView = { signupMode: SignupMode | null };

export type SignupEligibility = {
  /** No account exists yet: the next one becomes the administrator. */
  firstAccount: boolean;
  /** An administrator invited this address. */
  invitedByAdmin: boolean;
  /** The address is an invitee of a meeting that is not cancelled. */
  invitedToMeeting: boolean;
};

export type InstanceRepository = {
  settings(): Promise<InstanceSettingsView>;
  /** null: follow the environment (SIGNUP_MODE). */
  setSignupMode(mode: SignupMode | null): Promise<InstanceSettingsView>;
  /** What the sign-up rules need to know about an address (lower-cased before comparing). */
  signupEligibility(email: string): Promise<SignupEligibility>;
  listInvitations(): Promise<SignupInvitation[]>;
  /** Adds (or keeps) an invitation. Throws DbError("invalid_input") for a malformed address. */
  invite(email: string, invitedById: string | null): Promise<SignupInvitation>;
  /** Removes an invitation; false when there was none. */
  revokeInvitation(email: string): Promise<boolean>;
};

export function createInstanceRepository(prisma: PrismaClient): InstanceRepository {
  const settings = async (): Promise<InstanceSettingsView> => {
    // NOTE: the migration inserts the row; upsert keeps a database restored without it working.
    const row = await prisma.instanceSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID }, update: {} });
    return { signupMode: row.signupMode };
  };

  return {
    settings,

    async setSignupMode(mode) {
      const row = await prisma.instanceSettings.upsert({
        where: { id: SETTINGS_ID },
        create: { id: SETTINGS_ID, signupMode: mode },
        update: { signupMode: mode },
      });
      return { signupMode: row.signupMode };
    },

    async signupEligibility(email) {
      const parsed = emailSchema.safeParse(email);
      const address = parsed.success ? parsed.data : null;
      const [anyUser, invitation, meetingInvite] = await Promise.all([
        prisma.user.findFirst({ select: { id: true } }),
        address ? prisma.signupInvitation.findUnique({ where: { email: address }, select: { email: true } }) : null,
        address ? prisma.invitee.findFirst({ where: { email: address, meeting: { status: "SCHEDULED" } }, select: { id: true } }) : null,
      ]);
      return { firstAccount: anyUser === null, invitedByAdmin: invitation !== null, invitedToMeeting: meetingInvite !== null };
    },

    listInvitations: () => prisma.signupInvitation.findMany({ orderBy: { createdAt: "asc" }, take: SIGNUP_INVITATION_LIMIT }),

    async invite(email, invitedById) {
      const address = parseInput(emailSchema, email, "invitation email");
      return prisma.signupInvitation.upsert({ where: { email: address }, create: { email: address, invitedById }, update: {} });
    },

    async revokeInvitation(email) {
      const parsed = emailSchema.safeParse(email);
      if (!parsed.success) return false;
      const { count } = await prisma.signupInvitation.deleteMany({ where: { email: parsed.data } });
      return count > 0;
    },
  };
}
