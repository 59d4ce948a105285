import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { Card } from "@/components/ui/card";
import { ProfileForm } from "@/features/profile/profile-form";
import { listTimeZones } from "@/features/scheduling/time-zones";
import { requireUser } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const user = await requireUser("/settings/profile");
  const t = await getTranslations("profile");
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-xl px-4 py-8">
        <h1 className="mb-6 text-2xl font-semibold">{t("title")}</h1>
        <Card>
          <ProfileForm name={user.name} timeZone={user.timeZone} timeZones={listTimeZones()} />
        </Card>
      </main>
    </>
  );
}
