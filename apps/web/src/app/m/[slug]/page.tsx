import { CalendarX2, Clock } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { describeRecurrence } from "@/features/scheduling/recurrence-text";
import { DisplayPreferences } from "@/features/preferences/display-preferences";
import { MEETING_SLUG_PATTERN } from "@/features/scheduling/slug";
import { meetingTiming, startsIn } from "@/features/scheduling/timing";
import { formatDay, formatTimeRange } from "@/lib/format";
import { db } from "@/server/db";
import { currentUser } from "@/server/session";
import { JoinFlow } from "./_components/join-flow";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("join"))("pageTitle") };
}

function Notice({ icon: Icon, title, text, home }: { icon: typeof CalendarX2; title: string; text: string; home: string }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <Card className="max-w-md text-center">
        <Icon aria-hidden className="mx-auto size-8 text-slate-400" />
        <h1 className="mt-3 text-xl font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{text}</p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline">
          {home}
        </Link>
      </Card>
    </main>
  );
}

export default async function JoinPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const t = await getTranslations("join");
  const locale = await getLocale();
  const tRecurrence = await getTranslations("recurrence");
  const meeting = MEETING_SLUG_PATTERN.test(slug) ? await db().meetings.findBySlug(slug) : null;
  // HTTP 404 with the "Meeting not found" page (./not-found.tsx), so link checkers and proxies see a dead link.
  if (!meeting) notFound();
  if (meeting.status === "CANCELLED") {
    return <Notice icon={CalendarX2} title={t("cancelledTitle")} text={t("cancelledText", { host: meeting.host.name, title: meeting.title })} home={t("goHome")} />;
  }
  const user = await currentUser();
  const isHost = user?.id === meeting.hostId;
  const zone = user?.timeZone ?? meeting.timeZone;
  const now = new Date();
  const timing = meetingTiming(meeting, now);
  const when = (start: Date, end: Date) => `${formatDay(start, zone, locale)} · ${formatTimeRange(start, end, zone)} (${zone.replaceAll("_", " ")})`;
  // An instant meeting has no schedule to keep: its link works for as long as the host uses it.
  if (!meeting.instant && timing.phase === "ended" && !isHost) {
    return <Notice icon={Clock} title={t("endedTitle")} text={t("endedText", { title: meeting.title, when: when(timing.start, timing.end) })} home={t("goHome")} />;
  }
  let schedule: string | null = null;
  if (!meeting.instant && timing.phase === "before") {
    schedule = isHost
      ? t("startsHost", { startsIn: startsIn(timing.start, now, locale) })
      : t("startsGuest", { startsIn: startsIn(timing.start, now, locale) });
  } else if (!meeting.instant && timing.phase === "ended") {
    schedule = t("endedHost");
  }
  // Told before entering: the signaling service keeps room.recording for people in the call, the database row is
  // what a page rendered before any connection can read.
  const recording = (await db().recordings.running(meeting.id)) !== null;
  return (
    <JoinFlow
      slug={meeting.slug}
      meeting={{
        title: meeting.title,
        hostName: meeting.host.name,
        when: meeting.instant ? t("now") : when(timing.start, timing.end),
        schedule,
        recurrence: describeRecurrence(meeting.rrule, tRecurrence, locale, meeting.timeZone),
        hasPasscode: !!meeting.passcodeHash,
        lobbyEnabled: meeting.lobbyEnabled,
        recording,
      }}
      viewer={user ? { name: user.name, isHost } : null}
      preferences={<DisplayPreferences />}
    />
  );
}
