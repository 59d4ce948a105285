import { serveRecordingFile } from "@/features/meeting-record/recording-files";
import { env } from "@/env";
import { db } from "@/server/db";
import { currentUser } from "@/server/session";

export const dynamic = "force-dynamic";

/** A composed recording for its meeting's host (byte ranges for the player, `?download=1` to save it); else 404. */
export async function GET(request: Request, props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const user = await currentUser();
  return serveRecordingFile({ db: db(), recordingsDir: env().RECORDINGS_DIR, userId: user?.id ?? null }, id, request);
}

export const HEAD = GET;
