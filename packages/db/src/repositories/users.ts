import { z } from "zod";
import { parseInput, prismaErrorCode } from "../errors";
import type { PrismaClient, User } from "../generated/prisma/client";

const profileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  // NOTE: IANA validity is the web feature layer's job; here we only keep garbage out of the column.
  timeZone: z.string().trim().min(1).max(100),
});

export type UserRepository = {
  /** The user, or null. */
  findById(id: string): Promise<User | null>;
  /** Updates display name and time zone; null when the user does not exist. */
  updateProfile(id: string, profile: { name: string; timeZone: string }): Promise<User | null>;
};

export function createUserRepository(prisma: PrismaClient): UserRepository {
  return {
    findById: (id) => prisma.user.findUnique({ where: { id } }),

    async updateProfile(id, profile) {
      const data = parseInput(profileSchema, profile, "profile");
      try {
        return await prisma.user.update({ where: { id }, data });
      } catch (error) {
        if (prismaErrorCode(error) === "P2025") return null; // record to update not found
        throw error;
      }
    },
  };
}
