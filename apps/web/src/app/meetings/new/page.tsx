import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { Card } from "@/components/ui/card";
import { createMeetingAction } from "@/features/scheduling/actions";
import { newMeetingDefaults } from "@/features/scheduling/form-defaults";
import { MeetingForm } from "@/features/scheduling/meeting-form";
import { listTimeZones } from "@/features/scheduling/time-zones";
import { requireUser } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meetingPages"))("newTitle") };
}

export default async function NewMeetingPage() {
  const user = await requireUser("/meetings/new");
  const t = await getTranslations("meetingPages");
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="mb-6 text-2xl font-semibold">{t("newTitle")}</h1>
        <Card>
          <MeetingForm action={createMeetingAction} initial={newMeetingDefaults(user.timeZone)} timeZones={listTimeZones()} submitLabel={t("newSubmit")} />
        </Card>
      </main>
    </>
  );
}
