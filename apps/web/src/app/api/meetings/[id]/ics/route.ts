import { z } from "zod";
import { env } from "@/env";
import { meetingToIcs } from "@/features/scheduling/ics";
import { db } from "@/server/db";
import { currentUser } from "@/server/session";

export const dynamic = "force-dynamic";

/** The calendar invite of a meeting, for its host and (with a verified address) its invitees. */
export async function GET(_request: Request, props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: "unauthorized", message: "Sign in first." } }, { status: 401 });
  if (!z.string().uuid().safeParse(id).success) {
    return Response.json({ error: { code: "not_found", message: "No such meeting." } }, { status: 404 });
  }
  const meeting = await db().meetings.findById(id);
  const invited = user.emailVerified && meeting?.invitees.some((i) => i.email === user.email.toLowerCase());
  if (!meeting || (meeting.hostId !== user.id && !invited)) {
    return Response.json({ error: { code: "not_found", message: "No such meeting." } }, { status: 404 });
  }
  const joinUrl = new URL(`/m/${meeting.slug}`, env().PUBLIC_URL).toString();
  return new Response(meetingToIcs(meeting, joinUrl), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${meeting.slug}.ics"`,
      "cache-control": "no-store",
    },
  });
}
