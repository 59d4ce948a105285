import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "./auth";

export type SessionUser = { id: string; name: string; email: string; emailVerified: boolean; timeZone: string };

/** The signed-in user, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const user = session.user as typeof session.user & { timeZone?: string | null };
  return { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified, timeZone: user.timeZone ?? "UTC" };
}

/** The signed-in user; redirects to sign-in (and back) when there is none. */
export async function requireUser(returnTo = "/dashboard"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  return user;
}
