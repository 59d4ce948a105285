import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { env } from "@/env";
import { revokeCalendarFeedAction, rotateCalendarFeedAction } from "@/features/calendar-feed/actions";
import { feedUrls } from "@/features/calendar-feed/feed";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("calendarFeed"))("title") };
}
export const dynamic = "force-dynamic";

export default async function CalendarSettingsPage() {
  const user = await requireUser("/settings/calendar");
  const t = await getTranslations("calendarFeed");
  const token = await db().calendarFeeds.tokenFor(user.id);
  const urls = token ? feedUrls(token, env().PUBLIC_URL) : null;
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Card className="space-y-4">
          <p className="text-sm text-slate-700">
            {t("intro")}
          </p>
          {urls ? (
            <>
              <div className="space-y-1">
                <p className="text-sm font-medium">{t("link")}</p>
                <input readOnly value={urls.webcal} aria-label={t("linkLabel")} data-testid="feed-webcal" className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" />
                <p className="text-xs text-slate-500">
                  {t("https")}{" "}
                  <span className="break-all font-mono" data-testid="feed-https">{urls.https}</span>
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <form action={rotateCalendarFeedAction}>
                  <Button type="submit" variant="secondary">{t("rotate")}</Button>
                </form>
                <form action={revokeCalendarFeedAction}>
                  <Button type="submit" variant="ghost">{t("revoke")}</Button>
                </form>
              </div>
            </>
          ) : (
            <form action={rotateCalendarFeedAction}>
              <Button type="submit">{t("create")}</Button>
            </form>
          )}
        </Card>
      </main>
    </>
  );
}
