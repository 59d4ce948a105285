import { CalendarX2, Link2Off } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { describeRrule } from "@/features/scheduling/recurrence";
import { MEETING_SLUG_PATTERN } from "@/features/scheduling/slug";
import { formatDay, formatTimeRange } from "@/lib/format";
import { db } from "@/server/db";
import { currentUser } from "@/server/session";
import { JoinFlow } from "./_components/join-flow";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Join meeting" };

function Notice({ icon: Icon, title, text }: { icon: typeof Link2Off; title: string; text: string }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4">
      <Card className="max-w-md text-center">
        <Icon aria-hidden className="mx-auto size-8 text-slate-400" />
        <h1 className="mt-3 text-xl font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{text}</p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-600 hover:underline">
          Go to Parley
        </Link>
      </Card>
    </main>
  );
}

export default async function JoinPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const meeting = MEETING_SLUG_PATTERN.test(slug) ? await db().meetings.findBySlug(slug) : null;
  if (!meeting) {
    return <Notice icon={Link2Off} title="Meeting not found" text="This meeting link is not valid. Check the link you were sent." />;
  }
  if (meeting.status === "CANCELLED") {
    return <Notice icon={CalendarX2} title="This meeting was cancelled" text={`${meeting.host.name} cancelled “${meeting.title}”.`} />;
  }
  const user = await currentUser();
  const zone = user?.timeZone ?? meeting.timeZone;
  const end = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
  return (
    <JoinFlow
      slug={meeting.slug}
      meeting={{
        title: meeting.title,
        hostName: meeting.host.name,
        when: meeting.instant ? "Now" : `${formatDay(meeting.startsAt, zone)} · ${formatTimeRange(meeting.startsAt, end, zone)} (${zone.replaceAll("_", " ")})`,
        recurrence: describeRrule(meeting.rrule),
        hasPasscode: !!meeting.passcodeHash,
        lobbyEnabled: meeting.lobbyEnabled,
      }}
      viewer={user ? { name: user.name, isHost: user.id === meeting.hostId } : null}
    />
  );
}
