import { Download } from "lucide-react";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDuration } from "@/features/meeting-record/attendance";
import { parseOccurrenceParam } from "@/features/meeting-record/occurrences";
import { loadMeetingRecord } from "@/features/meeting-record/service";
import { formatDay, formatTime } from "@/lib/format";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";
import { CallQuality } from "./_components/call-quality";
import { RecordingsSection } from "./_components/recordings-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("record"))("pageTitle") };
}
export const dynamic = "force-dynamic";

/** What a meeting occurrence left behind (recordings, attendance, chat), for its host only; anyone else gets a 404. */
export default async function MeetingRecordPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await props.params;
  const t = await getTranslations("record");
  const locale = await getLocale();
  const search = await props.searchParams;
  const user = await requireUser(`/meetings/${encodeURIComponent(id)}/record`);
  // NOTE: a malformed ?at= is a 404 like a foreign meeting, not a silent fallback to another occurrence.
  const at = search.at === undefined ? null : parseOccurrenceParam(search.at);
  if (search.at !== undefined && !at) notFound();
  const record = await loadMeetingRecord(db(), user.id, id, at);
  if (!record) notFound();
  const zone = user.timeZone;
  const { meeting, occurrence } = record;
  const atParam = `at=${occurrence.start.getTime()}`;
  const timeOf = (d: Date) => `${formatDay(d, zone, locale)} ${formatTime(d, zone)}`;

  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
        <div>
          <p className="text-sm text-slate-600">{t("kicker")}</p>
          <h1 className="text-2xl font-semibold">{meeting.title}</h1>
          <p className="text-sm text-slate-600">
            <time dateTime={occurrence.start.toISOString()} data-testid="record-occurrence">{timeOf(occurrence.start)}</time>
            {" · "}
            {t("timesIn", { zone: zone.replaceAll("_", " ") })}
          </p>
        </div>

        {record.occurrences.length > 1 && (
          <nav aria-label={t("otherOccurrences")} className="flex flex-wrap gap-2 text-sm">
            {record.occurrences.map((start) => (
              <Link
                key={start.getTime()}
                href={`/meetings/${meeting.id}/record?at=${start.getTime()}`}
                aria-current={start.getTime() === occurrence.start.getTime() ? "page" : undefined}
                className="rounded-full border border-slate-200 px-3 py-1 hover:bg-slate-50 aria-[current=page]:border-brand-600 aria-[current=page]:text-brand-700"
              >
                {formatDay(start, zone, locale)}
              </Link>
            ))}
          </nav>
        )}

        <RecordingsSection recordings={record.recordings} zone={zone} />

        <section aria-labelledby="attendance-heading" className="space-y-3">
          <h2 id="attendance-heading" className="text-lg font-medium">
            {t("attendance")}
          </h2>
          {record.attendees.length === 0 ? (
            <Card className="text-sm text-slate-600">{t("nobody")}</Card>
          ) : (
            <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">{t("name")}</th>
                    <th scope="col" className="px-4 py-2 font-medium">{t("role")}</th>
                    <th scope="col" className="px-4 py-2 font-medium">{t("joined")}</th>
                    <th scope="col" className="px-4 py-2 font-medium">{t("left")}</th>
                    <th scope="col" className="px-4 py-2 font-medium">{t("timeInCall")}</th>
                    <th scope="col" className="px-4 py-2 font-medium">{t("quality.heading")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {record.attendees.map((a) => (
                    <tr key={a.key} data-testid="attendee" data-seconds={Math.round(a.totalMs / 1000)}>
                      <td className="px-4 py-2">{a.name}</td>
                      <td className="px-4 py-2">{a.role === "HOST" ? t("host") : t("guest")}</td>
                      <td className="px-4 py-2"><time dateTime={a.firstJoinedAt.toISOString()}>{timeOf(a.firstJoinedAt)}</time></td>
                      <td className="px-4 py-2">
                        {a.lastLeftAt ? <time dateTime={a.lastLeftAt.toISOString()}>{timeOf(a.lastLeftAt)}</time> : t("stillIn")}
                      </td>
                      <td className="px-4 py-2" data-testid="attendee-total">
                        {formatDuration(a.totalMs)}
                        {a.presences > 1 && <span className="text-slate-500"> {t("visits", { count: a.presences })}</span>}
                      </td>
                      <td className="px-4 py-2"><CallQuality quality={a.quality} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section aria-labelledby="chat-heading" className="space-y-3">
          <div className="flex items-center justify-between gap-4">
            <h2 id="chat-heading" className="text-lg font-medium">
              {t("chat")}
            </h2>
            <Button asChild variant="secondary" size="sm">
              <a href={`/api/meetings/${meeting.id}/transcript?${atParam}`} download>
                <Download aria-hidden /> {t("download")}
              </a>
            </Button>
          </div>
          {record.messages.length === 0 ? (
            <Card className="text-sm text-slate-600">{t("noChat")}</Card>
          ) : (
            <ol className="space-y-2 rounded-xl border border-slate-200 bg-white p-4 text-sm">
              {record.messages.map((m) => (
                <li key={m.id} data-testid="transcript-message">
                  <time dateTime={m.createdAt.toISOString()} className="text-slate-500">{formatTime(m.createdAt, zone)}</time>{" "}
                  <span className="font-medium">{m.senderName}</span>: <span className="whitespace-pre-wrap">{m.body}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </main>
    </>
  );
}
