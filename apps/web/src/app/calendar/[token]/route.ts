import { env } from "@/env";
import { calendarFeedFor } from "@/features/calendar-feed/feed";
import { db } from "@/server/db";

export const dynamic = "force-dynamic";

/** A person's private calendar subscription; the secret token in the path is the only credential. */
export async function GET(_request: Request, props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  const user = await db().calendarFeeds.userForToken(token.replace(/\.ics$/, ""));
  if (!user) {
    return Response.json({ error: { code: "not_found", message: "This calendar link is unknown or was revoked." } }, { status: 404 });
  }
  return new Response(await calendarFeedFor(db(), user, env().PUBLIC_URL), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "cache-control": "private, no-store",
      // The link is a secret: keep it out of referrers and search engines.
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex",
    },
  });
}
