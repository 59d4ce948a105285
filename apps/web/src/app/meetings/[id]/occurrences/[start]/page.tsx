import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DateTime } from "luxon";
import { z } from "zod";
import { SiteHeader } from "@/components/site-header";
import { Card } from "@/components/ui/card";
import { moveOccurrenceAction } from "@/features/scheduling/actions";
import { isSeriesOccurrence } from "@/features/scheduling/occurrences";
import { OccurrenceForm } from "@/features/scheduling/occurrence-form";
import { formatDay } from "@/lib/format";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meetingPages"))("occurrenceTitle") };
}

/** /meetings/<id>/occurrences/<original start, ISO>: move this occurrence only; the series stays. */
export default async function EditOccurrencePage(props: { params: Promise<{ id: string; start: string }> }) {
  const { id, start } = await props.params;
  const user = await requireUser(`/dashboard`);
  const t = await getTranslations("meetingPages");
  const locale = await getLocale();
  const occurrence = z.iso.datetime().safeParse(decodeURIComponent(start));
  if (!z.uuid().safeParse(id).success || !occurrence.success) notFound();
  const meeting = await db().meetings.findById(id);
  const originalStart = new Date(occurrence.data);
  // NOTE: someone else's meeting, or an instant that is not an occurrence of the series, looks like a missing page.
  if (!meeting || meeting.hostId !== user.id || meeting.status !== "SCHEDULED" || !isSeriesOccurrence(meeting, originalStart)) notFound();
  const exception = meeting.exceptions.find((e) => e.originalStart.getTime() === originalStart.getTime());
  const current = DateTime.fromJSDate(exception?.startsAt ?? originalStart, { zone: meeting.timeZone });
  const minutes = exception?.durationMinutes ?? meeting.durationMinutes;
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="mb-2 text-2xl font-semibold">{t("occurrenceHeading", { title: meeting.title })}</h1>
        <p className="mb-6 text-sm text-slate-600">
          {t("occurrenceText", { day: formatDay(originalStart, meeting.timeZone, locale), zone: meeting.timeZone.replaceAll("_", " ") })}
        </p>
        <Card>
          <OccurrenceForm
            action={moveOccurrenceAction.bind(null, meeting.id, originalStart.toISOString())}
            initial={{ date: current.toISODate() ?? "", startTime: current.toFormat("HH:mm"), endTime: current.plus({ minutes }).toFormat("HH:mm") }}
          />
        </Card>
      </main>
    </>
  );
}
