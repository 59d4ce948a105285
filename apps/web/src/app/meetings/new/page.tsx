import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import { Card } from "@/components/ui/card";
import { createMeetingAction } from "@/features/scheduling/actions";
import { newMeetingDefaults } from "@/features/scheduling/form-defaults";
import { MeetingForm } from "@/features/scheduling/meeting-form";
import { listTimeZones } from "@/features/scheduling/time-zones";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Schedule a meeting" };

export default async function NewMeetingPage() {
  const user = await requireUser("/meetings/new");
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="mb-6 text-2xl font-semibold">Schedule a meeting</h1>
        <Card>
          <MeetingForm action={createMeetingAction} initial={newMeetingDefaults(user.timeZone)} timeZones={listTimeZones()} submitLabel="Schedule meeting" />
        </Card>
      </main>
    </>
  );
}
