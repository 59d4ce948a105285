import { Video } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DisplayPreferences } from "@/features/preferences/display-preferences";
import { db } from "@/server/db";
import type { SessionUser } from "@/server/session";
import { UserMenu } from "./user-menu";

export async function SiteHeader({ user }: { user: SessionUser | null }) {
  const t = await getTranslations("header");
  const isAdmin = user ? (await db().adminUsers.accessOf(user.id))?.role === "ADMIN" : false;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-2 px-4">
        <Link href={user ? "/dashboard" : "/"} className="flex items-center gap-2 font-semibold text-slate-900">
          <Video aria-hidden className="size-5 text-brand-600" />
          Parley
        </Link>
        <div className="flex items-center gap-2">
          <DisplayPreferences />
          {user ? (
            <UserMenu name={user.name} email={user.email} isAdmin={isAdmin} />
          ) : (
            <nav className="flex gap-4 text-sm">
              <Link href="/sign-in" className="text-slate-700 hover:text-slate-900">
                {t("signIn")}
              </Link>
              <Link href="/sign-up" className="font-medium text-brand-600 hover:text-brand-700">
                {t("signUp")}
              </Link>
            </nav>
          )}
        </div>
      </div>
    </header>
  );
}
