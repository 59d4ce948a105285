import "server-only";
import { open, realpath, rm, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { Db, Recording } from "@parley/db";
import { z } from "zod";
import { parseByteRange } from "./byte-range";

/** Who asks, and where the files are. `recordingsDir` unset: this installation keeps no recordings (all 404). */
export type RecordingAccess = { db: Db; recordingsDir: string | undefined; userId: string | null };

type HostRecording = { recording: Recording; meeting: { id: string; slug: string; title: string } };

/**
 * The recording if `userId` hosts its meeting (or, with `cohosts`, is one of its co-hosts: they may watch and
 * download, not delete); null for everything else (unknown or malformed id, someone else's meeting, signed out),
 * so callers answer one 404 and a stranger learns nothing.
 */
export async function findHostRecording(
  db: Db,
  userId: string | null,
  id: string,
  options: { cohosts?: boolean } = {},
): Promise<HostRecording | null> {
  if (!userId || !z.uuid().safeParse(id).success) return null;
  const recording = await db.recordings.findById(id);
  if (!recording) return null;
  const meeting = await db.meetings.findById(recording.meetingId);
  if (!meeting) return null;
  // Co-hosts: invitees the host marked co-host, signed in with that verified address.
  if (meeting.hostId !== userId && !(options.cohosts && (await db.meetings.isCohost(meeting.id, userId)))) return null;
  return { recording, meeting: { id: meeting.id, slug: meeting.slug, title: meeting.title } };
}

/**
 * The file's path inside `dir`, or null. The name comes from the database (never from a request) and is checked
 * again here: a bare name, and after resolving symbolic links still inside the directory.
 */
export async function resolveRecordingPath(dir: string, fileName: string): Promise<string | null> {
  if (!path.isAbsolute(dir) || fileName !== path.basename(fileName) || fileName === "." || fileName === ".." || fileName.includes("\0")) return null;
  try {
    const [realDir, realFile] = await Promise.all([realpath(dir), realpath(path.join(dir, fileName))]);
    const relative = path.relative(realDir, realFile);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) && !relative.includes(path.sep) ? realFile : null;
  } catch {
    return null;
  }
}

const CONTENT_TYPES: Record<string, string> = { ".mp4": "video/mp4", ".webm": "video/webm" };

/** `<slug>-recording-2026-12-06-0930.mp4`: only characters every file system and header accepts. */
export function recordingDownloadName(slug: string, startedAt: Date, fileName: string): string {
  const ext = path.extname(fileName).toLowerCase();
  const stamp = startedAt.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  const base = `${slug}-recording-${stamp}`.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "").slice(0, 150) || "recording";
  return `${base}${/^\.[a-z0-9]{1,5}$/.test(ext) ? ext : ""}`;
}

const notFound = () => Response.json({ error: { code: "not_found", message: "No such recording." } }, { status: 404, headers: { "cache-control": "no-store" } });

/**
 * GET /api/recordings/<id>/file: the composed file for the meeting's host and co-hosts, with byte ranges (the browser's player
 * seeks with them) and `?download=1` for an attachment. Anything else is a 404.
 */
export async function serveRecordingFile(access: RecordingAccess, id: string, request: Request): Promise<Response> {
  if (!access.recordingsDir) return notFound();
  const found = await findHostRecording(access.db, access.userId, id, { cohosts: true });
  if (!found || found.recording.state !== "READY" || !found.recording.fileName) return notFound();
  const { recording, meeting } = found;
  const file = await resolveRecordingPath(access.recordingsDir, recording.fileName!);
  if (!file) return notFound();
  const handle = await open(file, "r").catch(() => null);
  if (!handle) return notFound();
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    return notFound();
  }
  const size = stats.size;
  const headers = new Headers({
    "content-type": CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
    "accept-ranges": "bytes",
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
  });
  if (new URL(request.url).searchParams.get("download") === "1") {
    headers.set("content-disposition", `attachment; filename="${recordingDownloadName(meeting.slug, recording.startedAt, file)}"`);
  }
  const range = parseByteRange(request.headers.get("range"), size);
  if (range === "unsatisfiable") {
    await handle.close();
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers.set("content-length", String(size === 0 ? 0 : end - start + 1));
  if (range) headers.set("content-range", `bytes ${start}-${end}/${size}`);
  if (request.method === "HEAD" || size === 0) {
    await handle.close();
    return new Response(null, { status: range ? 206 : 200, headers });
  }
  const stream = Readable.toWeb(handle.createReadStream({ start, end })) as ReadableStream<Uint8Array>;
  return new Response(stream, { status: range ? 206 : 200, headers });
}

/** Deleting a recording: gone (file and row), not the host's / unknown, or still being recorded or processed. */
export type DeleteOutcome = "deleted" | "not_found" | "busy";

/** The host deletes a finished (ready or failed) recording: the row first, so a failed unlink never shows a dead entry. */
export async function deleteHostRecording(access: RecordingAccess, id: string): Promise<DeleteOutcome> {
  const found = await findHostRecording(access.db, access.userId, id);
  if (!found) return "not_found";
  const { recording } = found;
  // NOTE: a running recording or a compose in progress still writes its file: deleting under it would leave a stray file.
  if (recording.state === "RECORDING" || recording.state === "PROCESSING") return "busy";
  const deleted = await access.db.recordings.deleteForMeeting(recording.meetingId, recording.id);
  if (!deleted) return "not_found";
  if (!access.recordingsDir) return "deleted";
  if (deleted.fileName) {
    const file = await resolveRecordingPath(access.recordingsDir, deleted.fileName);
    if (file) await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  // Raw streams Janus wrote (`<dir>/<id>/`, kept after a failed compose for a retry) and the composer's work folder.
  // The id is the row's own uuid, never a request's text.
  if (z.uuid().safeParse(deleted.id).success) {
    for (const folder of [deleted.id, `.work-${deleted.id}`]) await rm(path.join(access.recordingsDir, folder), { recursive: true, force: true });
  }
  return "deleted";
}

/** The host asks for a failed recording to be processed again: back to PROCESSING (the worker picks it up). */
export async function retryHostRecording(access: Omit<RecordingAccess, "recordingsDir">, id: string): Promise<"retried" | "not_found" | "not_failed"> {
  const found = await findHostRecording(access.db, access.userId, id);
  if (!found) return "not_found";
  if (found.recording.state !== "FAILED") return "not_failed";
  return (await access.db.recordings.retry(found.recording.id)) ? "retried" : "not_failed";
}
