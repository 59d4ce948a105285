import { CalendarPlus, Download, FileText, Pencil, Repeat, Video } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { meetingsOf } from "@/features/calendar-feed/feed";
import { startInstantMeetingAction } from "@/features/scheduling/actions";
import { buildAgenda } from "@/features/scheduling/agenda";
import { describeRecurrence } from "@/features/scheduling/recurrence-text";
import { formatDay, formatTimeRange } from "@/lib/format";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";
import { CancelMeetingButton } from "./_components/cancel-meeting-button";
import { CopyLinkButton } from "./_components/copy-link-button";
import { RsvpSummary } from "./_components/rsvp-summary";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}
export const dynamic = "force-dynamic";

export default async function DashboardPage(props: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUser("/dashboard");
  const t = await getTranslations("dashboard");
  const locale = await getLocale();
  const tRecurrence = await getTranslations("recurrence");
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
            <h1 className="text-2xl font-semibold">{t("heading")}</h1>
            <p className="text-sm text-slate-600">{t("timesIn", { zone: zone.replaceAll("_", " ") })}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <form action={startInstantMeetingAction}>
              <Button type="submit" variant="secondary">
                <Video aria-hidden /> {t("instant")}
              </Button>
            </form>
            <Button asChild>
              <Link href="/meetings/new">
                <CalendarPlus aria-hidden /> {t("schedule")}
              </Link>
            </Button>
          </div>
        </div>
        {params.scheduled && <Alert tone="info">{t("scheduled")}</Alert>}
        {!user.emailVerified && (
          <Alert tone="info">{t("confirmEmail")}</Alert>
        )}

        <section aria-labelledby="upcoming-heading" className="space-y-3">
          <h2 id="upcoming-heading" className="text-lg font-medium">
            {t("upcoming")}
          </h2>
          {upcoming.length === 0 ? (
            <Card className="text-sm text-slate-600">{t("nothingScheduled")}</Card>
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
                            {status === "live" ? t("now") : t("startingSoon")}
                          </span>
                        )}
                      </p>
                      <p className="text-sm text-slate-600">
                        <time dateTime={start.toISOString()} data-testid="occurrence-time">
                          {formatDay(start, zone, locale)} · {formatTimeRange(start, end, zone)}
                        </time>
                        {meeting.timeZone !== zone && (
                          <span className="text-slate-500"> ({formatTimeRange(start, end, meeting.timeZone)} {meeting.timeZone.replaceAll("_", " ")})</span>
                        )}
                      </p>
                      {meeting.rrule && (
                        <p className="mt-0.5 flex items-center gap-1 text-xs text-slate-500">
                          <Repeat aria-hidden className="size-3" /> {describeRecurrence(meeting.rrule, tRecurrence, locale, meeting.timeZone)}
                        </p>
                      )}
                      {meeting.hostId === user.id ? (
                        <RsvpSummary invitees={meeting.invitees} />
                      ) : (
                        <p className="mt-0.5 text-xs text-slate-500" data-testid="invited-by">
                          {t("invitedBy", { name: meeting.host.name })}
                        </p>
                      )}
                    </div>
                    <div className="flex flex-wrap gap-2">
                      <Button asChild size="sm">
                        <Link href={`/m/${meeting.slug}`}>{t("join")}</Link>
                      </Button>
                      <CopyLinkButton path={`/m/${meeting.slug}`} />
                      <Button asChild variant="secondary" size="sm">
                        <a href={`/api/meetings/${meeting.id}/ics`} download aria-label={t("downloadIcs", { title: meeting.title })}>
                          <Download aria-hidden /> .ics
                        </a>
                      </Button>
                      {meeting.hostId === user.id && (
                        <>
                          <Button asChild variant="ghost" size="sm">
                            <Link href={`/meetings/${meeting.id}/edit`} aria-label={t("editLabel", { title: meeting.title })}>
                              <Pencil aria-hidden /> {meeting.rrule ? t("editSeries") : t("edit")}
                            </Link>
                          </Button>
                          {meeting.rrule && (
                            <Button asChild variant="ghost" size="sm">
                              <Link
                                href={`/meetings/${meeting.id}/occurrences/${encodeURIComponent(originalStart.toISOString())}`}
                                aria-label={t("moveOccurrence", { day: formatDay(start, zone, locale), title: meeting.title })}
                              >
                                <Pencil aria-hidden /> {t("thisOccurrence")}
                              </Link>
                            </Button>
                          )}
                          {meeting.startsAt <= now && (
                            <Button asChild variant="ghost" size="sm">
                              <Link href={`/meetings/${meeting.id}/record`} aria-label={t("recordOf", { title: meeting.title })}>
                                <FileText aria-hidden /> {t("record")}
                              </Link>
                            </Button>
                          )}
                          <CancelMeetingButton
                            meetingId={meeting.id}
                            title={meeting.title}
                            occurrence={meeting.rrule ? { start: originalStart.toISOString(), label: `${formatDay(start, zone, locale)} ${formatTimeRange(start, end, zone)}` } : undefined}
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
          <h2 id="past-heading" className="text-lg font-medium">
            {t("past")}
          </h2>
          {past.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noPast")}</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
              {past.map((meeting) => (
                <li key={meeting.id} className="flex items-center justify-between gap-4 px-4 py-3 text-sm" data-testid="past-meeting">
                  <Link href={`/meetings/${meeting.id}/record`} className="truncate hover:underline" aria-label={t("recordOf", { title: meeting.title })}>
                    {meeting.title}
                  </Link>
                  <span className="shrink-0 text-slate-500">
                    {meeting.status === "CANCELLED" ? t("cancelled") : formatDay(meeting.startsAt, zone, locale)}
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
