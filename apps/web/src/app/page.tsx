import { CalendarClock, ShieldCheck, Users } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { currentUser } from "@/server/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await currentUser();
  if (user) redirect("/dashboard");
  const features = [
    { icon: CalendarClock, title: "Schedule", text: "Time zones, recurrence and calendar invites that get daylight saving right." },
    { icon: Users, title: "Meet", text: "Video, screen share and chat in the browser. Guests need no account." },
    { icon: ShieldCheck, title: "Own it", text: "Runs on your server with one command. Your meetings stay yours." },
  ];
  return (
    <>
      <SiteHeader user={null} />
      <main className="mx-auto max-w-5xl px-4 py-16">
        <h1 className="max-w-2xl text-4xl font-semibold tracking-tight sm:text-5xl">Video meetings on your own server.</h1>
        <p className="mt-4 max-w-xl text-lg text-slate-600">Schedule, send a link, talk. Nothing to install for your guests.</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Button asChild size="lg">
            <Link href="/sign-up">Get started</Link>
          </Button>
          <Button asChild size="lg" variant="secondary">
            <Link href="/sign-in">Sign in</Link>
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
