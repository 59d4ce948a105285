import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { env } from "@/env";
import { revokeCalendarFeedAction, rotateCalendarFeedAction } from "@/features/calendar-feed/actions";
import { feedUrls } from "@/features/calendar-feed/feed";
import { db } from "@/server/db";
import { requireUser } from "@/server/session";

export const metadata: Metadata = { title: "Calendar subscription" };
export const dynamic = "force-dynamic";

export default async function CalendarSettingsPage() {
  const user = await requireUser("/settings/calendar");
  const token = await db().calendarFeeds.tokenFor(user.id);
  const urls = token ? feedUrls(token, env().PUBLIC_URL) : null;
  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto max-w-xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold">Calendar subscription</h1>
        <Card className="space-y-4">
          <p className="text-sm text-slate-700">
            Subscribe to this private link in Google Calendar, Apple Calendar or Outlook to see every meeting you host or are
            invited to. Anyone who has the link can read these meetings: keep it to yourself, and make a new one if it leaks.
          </p>
          {urls ? (
            <>
              <div className="space-y-1">
                <p className="text-sm font-medium">Subscription link</p>
                <input readOnly value={urls.webcal} aria-label="Subscription link (webcal)" data-testid="feed-webcal" className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" />
                <p className="text-xs text-slate-500">
                  Calendars that ask for a web address take the same link with https:{" "}
                  <span className="break-all font-mono" data-testid="feed-https">{urls.https}</span>
                </p>
              </div>
              <div className="flex flex-wrap gap-2">
                <form action={rotateCalendarFeedAction}>
                  <Button type="submit" variant="secondary">Make a new link (the old one stops working)</Button>
                </form>
                <form action={revokeCalendarFeedAction}>
                  <Button type="submit" variant="ghost">Turn the link off</Button>
                </form>
              </div>
            </>
          ) : (
            <form action={rotateCalendarFeedAction}>
              <Button type="submit">Create my subscription link</Button>
            </form>
          )}
        </Card>
      </main>
    </>
  );
}
