import { CalendarPlus, Download, FileText, Pencil, Repeat, Video } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { meetingsOf } from "@/features/calendar-feed/feed";
import { startInstantMeetingAction } from "@/features/scheduling/actions";
import { buildAgenda } from "@/features/scheduling/agenda";
import { describeRrule } from "@/features/scheduling/recurrence";
import { formatDay, formatTimeRange } from "@/lib/format";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";
import { CancelMeetingButton } from "./_components/cancel-meeting-button";
import { CopyLinkButton } from "./_components/copy-link-button";
import { RsvpSummary } from "./_components/rsvp-summary";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

export default async function DashboardPage(props: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("/dashboard");
  const params = await props.searchParams;
  // Hosted meetings, and those the user is invited to once their address is verified (anyone can type any address).
  const meetings = await meetingsOf(db(), user);
  const callsOver = await db().participants.callsOver(meetings.filter((m) => m.instant && m.status === "SCHEDULED").map((m) => m.id));
  const now = new Date();
  const { upcoming, past } = buildAgenda(meetings, now, { callsOver });
  const zone = user.timeZone;

  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold">Meetings</h1>
            <p className="text-sm text-slate-600">Times shown in {zone.replaceAll("_", " ")}.</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <form action={startInstantMeetingAction}>
              <Button type="submit" variant="secondary">
                <Video aria-hidden /> Start an instant meeting
              </Button>
            </form>
            <Button asChild>
              <Link href="/meetings/new">
                <CalendarPlus aria-hidden /> Schedule a meeting
              </Link>
            </Button>
          </div>
        </div>
        {params.scheduled && <Alert tone="info">Meeting scheduled. Invitations are on their way; share its link with other guests.</Alert>}
        {!user.emailVerified && (
          <Alert tone="info">
            Confirm your email address (see the mail we sent you) to see meetings others invite you to.
          </Alert>
        )}

        <section aria-labelledby="upcoming-heading" className="space-y-3">
          <h2 id="upcoming-heading" className="text-lg font-medium">Upcoming</h2>
          {upcoming.length === 0 ? (
            <Card className="text-sm text-slate-600">Nothing scheduled. Schedule a meeting or start one now.</Card>
          ) : (
            <ul className="space-y-3">
              {upcoming.map(({ meeting, start, end, originalStart, status }) => (
                <li key={`${meeting.id}-${start.getTime()}`} data-testid="upcoming-meeting">
                  <Card className="flex flex-col gap-4 p-4 sm:flex-row sm:items-center sm:justify-between">
                    <div className="min-w-0">
                      <p className="flex items-center gap-2 font-medium">
                        <span className="truncate">{meeting.title}</span>
                        {status !== "later" && (
                          <span className="shrink-0 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700" data-testid="meeting-status">
                            {status === "live" ? "Now" : "Starting soon"}
                          </span>
                        )}
                      </p>
                      <p className="text-sm text-slate-600">
                        <time dateTime={start.toISOString()} data-testid="occurrence-time">
                          {formatDay(start, zone)} · {formatTimeRange(start, end, zone)}
                        </time>
                        {meeting.timeZone !== zone && (
                          <span className="text-slate-500"> ({formatTimeRange(start, end, meeting.timeZone)} {meeting.timeZone.replaceAll("_", " ")})</span>
                        )}
                      </p>
                      {meeting.rrule && (
                        <p className="mt-0.5 flex items-center gap-1 text-xs text-slate-500">
                          <Repeat aria-hidden className="size-3" /> {describeRrule(meeting.rrule)}
                        </p>
                      )}
                      {meeting.hostId === user.id ? (
                        <RsvpSummary invitees={meeting.invitees} />
                      ) : (
                        <p className="mt-0.5 text-xs text-slate-500" data-testid="invited-by">Invited by {meeting.host.name}</p>
                      )}
                    </div>
                    <div className="flex flex-wrap gap-2">
                      <Button asChild size="sm">
                        <Link href={`/m/${meeting.slug}`}>Join</Link>
                      </Button>
                      <CopyLinkButton path={`/m/${meeting.slug}`} />
                      <Button asChild variant="secondary" size="sm">
                        <a href={`/api/meetings/${meeting.id}/ics`} download aria-label={`Download calendar invite for ${meeting.title}`}>
                          <Download aria-hidden /> .ics
                        </a>
                      </Button>
                      {meeting.hostId === user.id && (
                        <>
                          <Button asChild variant="ghost" size="sm">
                            <Link href={`/meetings/${meeting.id}/edit`} aria-label={`Edit ${meeting.title}`}>
                              <Pencil aria-hidden /> {meeting.rrule ? "Edit series" : "Edit"}
                            </Link>
                          </Button>
                          {meeting.rrule && (
                            <Button asChild variant="ghost" size="sm">
                              <Link
                                href={`/meetings/${meeting.id}/occurrences/${encodeURIComponent(originalStart.toISOString())}`}
                                aria-label={`Move the ${formatDay(start, zone)} occurrence of ${meeting.title}`}
                              >
                                <Pencil aria-hidden /> This occurrence
                              </Link>
                            </Button>
                          )}
                          {meeting.startsAt <= now && (
                            <Button asChild variant="ghost" size="sm">
                              <Link href={`/meetings/${meeting.id}/record`} aria-label={`Record of ${meeting.title}`}>
                                <FileText aria-hidden /> Record
                              </Link>
                            </Button>
                          )}
                          <CancelMeetingButton
                            meetingId={meeting.id}
                            title={meeting.title}
                            occurrence={meeting.rrule ? { start: originalStart.toISOString(), label: `${formatDay(start, zone)} ${formatTimeRange(start, end, zone)}` } : undefined}
                          />
                        </>
                      )}
                    </div>
                  </Card>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="past-heading" className="space-y-3">
          <h2 id="past-heading" className="text-lg font-medium">Past and cancelled</h2>
          {past.length === 0 ? (
            <p className="text-sm text-slate-600">No past meetings yet.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {past.map((meeting) => (
                <li key={meeting.id} className="flex items-center justify-between gap-4 px-4 py-3 text-sm" data-testid="past-meeting">
                  <Link href={`/meetings/${meeting.id}/record`} className="truncate hover:underline" aria-label={`Record of ${meeting.title}`}>
                    {meeting.title}
                  </Link>
                  <span className="shrink-0 text-slate-500">
                    {meeting.status === "CANCELLED" ? "Cancelled" : formatDay(meeting.startsAt, zone)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
