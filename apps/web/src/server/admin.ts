import "server-only";
import { notFound } from "next/navigation";
import { db } from "./db";
import { currentUser, type SessionUser } from "./session";

/** The signed-in user if they are an active administrator (checked against the database, not the session). */
export async function currentAdmin(): Promise<SessionUser | null> {
  const user = await currentUser();
  if (!user) return null;
  const access = await db().adminUsers.accessOf(user.id);
  return access?.role === "ADMIN" && access.disabledAt === null ? user : null;
}

/** For admin pages: anyone else gets a 404, so the page's existence is not advertised. */
export async function requireAdminPage(): Promise<SessionUser> {
  return (await currentAdmin()) ?? notFound();
}
