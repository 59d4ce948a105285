import type { Db, MeetingDetails, User } from "@parley/db";
import { meetingsToFeed } from "@/features/scheduling/ics";

/** Meetings a person takes part in: those they host and, once their address is verified, those they are invited to. */
export async function meetingsOf(db: Db, user: Pick<User, "id" | "email" | "emailVerified">): Promise<MeetingDetails[]> {
  const [hosted, invited] = await Promise.all([
    db.meetings.listForHost(user.id),
    user.emailVerified ? db.meetings.listForInvitee(user.email) : Promise.resolve([]),
  ]);
  const byId = new Map<string, MeetingDetails>();
  for (const meeting of [...hosted, ...invited]) byId.set(meeting.id, meeting);
  return [...byId.values()];
}

/** The subscription feed (webcal://) of one person, cancelled meetings included so calendars remove them. */
export async function calendarFeedFor(db: Db, user: User, publicUrl: string): Promise<string> {
  // Instant meetings ("start now") are not calendar events.
  const meetings = (await meetingsOf(db, user)).filter((meeting) => !meeting.instant);
  return meetingsToFeed(
    `Parley (${user.name})`,
    meetings.map((meeting) => ({ meeting, joinUrl: new URL(`/m/${meeting.slug}`, publicUrl).toString() })),
  );
}

/** https:// and webcal:// addresses of a feed token. */
export function feedUrls(token: string, publicUrl: string): { https: string; webcal: string } {
  const https = new URL(`/calendar/${token}.ics`, publicUrl).toString();
  return { https, webcal: https.replace(/^https?:/, "webcal:") };
}
