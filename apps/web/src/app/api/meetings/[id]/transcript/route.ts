import { parseOccurrenceParam } from "@/features/meeting-record/occurrences";
import { loadMeetingRecord } from "@/features/meeting-record/service";
import { transcriptFileName, transcriptToText } from "@/features/meeting-record/transcript";
import { db } from "@/server/db";
import { currentUser } from "@/server/session";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: { code: "not_found", message: "No such meeting." } }, { status: 404 });

/** The chat transcript of one occurrence as a text file, for the meeting's host. */
export async function GET(request: Request, props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: "unauthorized", message: "Sign in first." } }, { status: 401 });
  const param = new URL(request.url).searchParams.get("at");
  const at = param === null ? null : parseOccurrenceParam(param);
  if (param !== null && !at) return notFound();
  const record = await loadMeetingRecord(db(), user.id, id, at);
  if (!record) return notFound();
  const text = transcriptToText(record.meeting.title, record.occurrence.start, user.timeZone, record.messages);
  return new Response(text, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `attachment; filename="${transcriptFileName(record.meeting.slug, record.occurrence.start, user.timeZone)}"`,
      "cache-control": "no-store",
    },
  });
}
