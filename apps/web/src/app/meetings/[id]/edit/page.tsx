import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { z } from "zod";
import { SiteHeader } from "@/components/site-header";
import { Alert, Card } from "@/components/ui/card";
import { updateMeetingAction } from "@/features/scheduling/actions";
import { meetingToFormValues } from "@/features/scheduling/form-defaults";
import { MeetingForm } from "@/features/scheduling/meeting-form";
import { listTimeZones } from "@/features/scheduling/time-zones";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meetingPages"))("editTitle") };
}

export default async function EditMeetingPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await requireUser(`/meetings/${id}/edit`);
  const t = await getTranslations("meetingPages");
  if (!z.string().uuid().safeParse(id).success) notFound();
  const meeting = await db().meetings.findById(id);
  // NOTE: someone else's meeting looks exactly like a missing one.
  if (!meeting || meeting.hostId !== user.id) notFound();
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="mb-6 text-2xl font-semibold">{t("editTitle")}</h1>
        <Card>
          {meeting.status === "CANCELLED" ? (
            <Alert>{t("editCancelled")}</Alert>
          ) : (
            <MeetingForm
              action={updateMeetingAction.bind(null, meeting.id)}
              initial={meetingToFormValues(meeting)}
              timeZones={listTimeZones()}
              submitLabel={t("editSubmit")}
              hasPasscode={!!meeting.passcodeHash}
            />
          )}
        </Card>
      </main>
    </>
  );
}
