import { CalendarClock, ShieldCheck, Users } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/server/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const t = await getTranslations("home");
  const user = await currentUser();
  if (user) redirect("/dashboard");
  const features = [
    { icon: CalendarClock, title: t("scheduleTitle"), text: t("scheduleText") },
    { icon: Users, title: t("meetTitle"), text: t("meetText") },
    { icon: ShieldCheck, title: t("ownTitle"), text: t("ownText") },
  ];
  return (
    <>
      <SiteHeader user={null} />
      <main className="mx-auto max-w-5xl px-4 py-16">
        <h1 className="max-w-2xl text-4xl font-semibold tracking-tight sm:text-5xl">{t("headline")}</h1>
        <p className="mt-4 max-w-xl text-lg text-slate-600">{t("subline")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Button asChild size="lg">
            <Link href="/sign-up">{t("getStarted")}</Link>
          </Button>
          <Button asChild size="lg" variant="secondary">
            <Link href="/sign-in">{t("signIn")}</Link>
          </Button>
        </div>
        <ul className="mt-16 grid gap-6 sm:grid-cols-3">
          {features.map(({ icon: Icon, title, text }) => (
            <li key={title} className="rounded-xl border border-slate-200 bg-white p-5">
              <Icon aria-hidden className="size-5 text-brand-600" />
              <h2 className="mt-3 font-medium">{title}</h2>
              <p className="mt-1 text-sm text-slate-600">{text}</p>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
