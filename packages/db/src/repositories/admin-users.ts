// Accounts as an administrator sees and changes them. Every change that could leave the instance without an active
// administrator runs under one advisory lock, so two admins demoting each other at once cannot both succeed.
import { z } from "zod";
import type { Prisma, PrismaClient, UserRole } from "../generated/prisma/client";

const userSummary = {
  id: true,
  name: true,
  email: true,
  role: true,
  disabledAt: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type UserSummary = Prisma.UserGetPayload<{ select: typeof userSummary }>;
export type AdminUserError = "not_found" | "last_admin";
/** On `ok: false` nothing was written. */
export type AdminUserResult = { ok: true } | { ok: false; error: AdminUserError };

/** Most accounts the admin list shows at once (newest first). */
export const ADMIN_USER_LIST_LIMIT = 500;

export type AdminUserRepository = {
  /** Newest accounts first, at most ADMIN_USER_LIST_LIMIT. */
  list(): Promise<UserSummary[]>;
  /** Role and disabled flag of one account (for authorization checks), or null. */
  accessOf(userId: string): Promise<{ role: UserRole; disabledAt: Date | null } | null>;
  /** Active (not disabled) administrators. */
  countActiveAdmins(): Promise<number>;
  /** Grants or removes ADMIN; refuses to remove the last active administrator. */
  setRole(userId: string, role: UserRole): Promise<AdminUserResult>;
  /** Disables (and revokes every session of) or re-enables an account; never the last active administrator. */
  setDisabled(userId: string, disabled: boolean): Promise<AdminUserResult>;
  /** Deletes the account with its sessions, meetings and accounts; never the last active administrator. */
  remove(userId: string): Promise<AdminUserResult>;
};

const userIdSchema = z.string().min(1).max(200);

export function createAdminUserRepository(prisma: PrismaClient): AdminUserRepository {
  /**
   * Runs `change` after checking that `userId` exists and, when `losesAdmin(target)` holds, that another active
   * administrator remains. The lock serializes all such changes.
   */
  async function guarded(
    userId: string,
    losesAdmin: (target: { role: UserRole; disabledAt: Date | null }) => boolean,
    change: (tx: Prisma.TransactionClient) => Promise<unknown>,
  ): Promise<AdminUserResult> {
    if (!userIdSchema.safeParse(userId).success) return { ok: false, error: "not_found" };
    return prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('parley:admins'))`;
      const target = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } });
      if (!target) return { ok: false, error: "not_found" } as const;
      const isActiveAdmin = target.role === "ADMIN" && target.disabledAt === null;
      if (isActiveAdmin && losesAdmin(target)) {
        const others = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
        if (others === 0) return { ok: false, error: "last_admin" } as const;
      }
      await change(tx);
      return { ok: true } as const;
    });
  }

  return {
    list: () => prisma.user.findMany({ select: userSummary, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: ADMIN_USER_LIST_LIMIT }),

    accessOf: (userId) =>
      userIdSchema.safeParse(userId).success
        ? prisma.user.findUnique({ where: { id: userId }, select: { role: true, disabledAt: true } })
        : Promise.resolve(null),

    countActiveAdmins: () => prisma.user.count({ where: { role: "ADMIN", disabledAt: null } }),

    setRole: (userId, role) =>
      guarded(
        userId,
        () => role !== "ADMIN",
        (tx) => tx.user.update({ where: { id: userId }, data: { role } }),
      ),

    setDisabled: (userId, disabled) =>
      guarded(
        userId,
        () => disabled,
        async (tx) => {
          await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
          if (disabled) await tx.session.deleteMany({ where: { userId } });
        },
      ),

    remove: (userId) =>
      guarded(
        userId,
        () => true,
        (tx) => tx.user.delete({ where: { id: userId } }),
      ),
  };
}
