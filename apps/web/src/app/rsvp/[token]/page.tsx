import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { env } from "@/env";
import { readRsvpLink, rsvpAnswerSchema } from "@/features/notifications/rsvp";
import { rsvpKey } from "@/features/notifications/rsvp-token";
import { describeRecurrence } from "@/features/scheduling/recurrence-text";
import { formatDay, formatTimeRange } from "@/lib/format";
import { db } from "@/server/db";
import { RsvpForm } from "./rsvp-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("rsvp"))("title"), referrer: "no-referrer" };
}
export const dynamic = "force-dynamic";

/** Where the invitation's Accept / Maybe / Decline links lead; no sign-in needed, the signed link is the proof. */
export default async function RsvpPage(props: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { token } = await props.params;
  const t = await getTranslations("rsvp");
  const locale = await getLocale();
  const tRecurrence = await getTranslations("recurrence");
  const answer = rsvpAnswerSchema.safeParse((await props.searchParams).answer);
  const link = await readRsvpLink(db(), rsvpKey(env().BETTER_AUTH_SECRET), token);
  if (!link.ok && link.error === "not_found") notFound();
  return (
    <main className="mx-auto max-w-lg px-4 py-12">
      <Card className="space-y-4">
        {link.ok ? (
          <>
            <h1 className="text-xl font-semibold">{link.value.meeting.title}</h1>
            <p className="text-sm text-slate-700">
              {t("invited", { host: link.value.meeting.host.name, email: link.value.email })}
              <br />
              {formatDay(link.value.meeting.startsAt, link.value.meeting.timeZone, locale)} ·{" "}
              {formatTimeRange(
                link.value.meeting.startsAt,
                new Date(link.value.meeting.startsAt.getTime() + link.value.meeting.durationMinutes * 60_000),
                link.value.meeting.timeZone,
              )}{" "}
              ({link.value.meeting.timeZone.replaceAll("_", " ")})
              {link.value.meeting.rrule && <><br />{describeRecurrence(link.value.meeting.rrule, tRecurrence, locale, link.value.meeting.timeZone)}</>}
            </p>
            <p className="text-sm font-medium">{t("question")}</p>
            <RsvpForm token={token} suggested={answer.success ? answer.data : null} />
          </>
        ) : (
          <>
            <h1 className="text-xl font-semibold">{t("brokenTitle")}</h1>
            <p role="alert" className="text-sm text-slate-700">{t(`refusal.${link.error}`)}</p>
          </>
        )}
      </Card>
    </main>
  );
}
