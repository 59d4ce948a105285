import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { RecordingError } from "./errors";
import { runProcess } from "./run-process";

export const JANUS_PP_REC = "janus-pp-rec";

export type StreamSource = "camera" | "screen";

/**
 * One recorded stream: Janus writes `<base>-<audio|video>-<mindex>.mjr` for each stream of a publisher, where `base`
 * is the name the publisher was given: `<key>-camera` / `<key>-screen` (one source per publisher), or
 * `<key>-publisher` (a browser's whole connection: microphone, camera and screen as m-lines of one publisher; each
 * stream's source is then the description it was published with, which Janus stores in the file's header).
 */
export type RecordedTrack = {
  file: string;
  /** The publisher session the stream belongs to (its recording name without the source). */
  key: string;
  /**
   * The person: `key` without the `_<random>` a publisher session adds (`<participant>_<8 hex>`), so the parts of
   * one person recorded by successive sessions (a republish, a Janus restart or failover) are told apart from
   * other people and composed into one tile.
   */
  participant: string;
  source: StreamSource;
  kind: "audio" | "video";
  codec: string;
  /** Wall-clock time Janus wrote the stream's first packet (µs since the epoch): the composition's sync point. */
  firstPacketUs: number;
  bytes: number;
};

/** The name the recording controller gives each publisher's recording (Janus' `filename`), without the stream suffix. */
export function recordingBaseName(key: string, source: StreamSource): string {
  if (!KEY.test(key)) throw new RecordingError("invalid_input", "A recording key may only contain letters, digits, '_' and '-'.");
  return `${key}-${source}`;
}

/** The person a publisher session's key belongs to: `<participant>_<8 hex>` → `<participant>`; any other key is its own. */
export function participantOf(key: string): string {
  return SESSION_SUFFIX.exec(key)?.groups?.participant ?? key;
}

const SESSION_SUFFIX = /^(?<participant>.+)_[0-9a-f]{8}$/;

/** The base name for a publisher whose streams carry their source as a description (camera, screen, microphone). */
export function publisherRecordingBaseName(key: string): string {
  if (!KEY.test(key)) throw new RecordingError("invalid_input", "A recording key may only contain letters, digits, '_' and '-'.");
  return `${key}-publisher`;
}

const KEY = /^[A-Za-z0-9_-]{1,100}$/;
const FILE = /^(?<key>[A-Za-z0-9_-]{1,100})-(?<source>camera|screen|publisher)-(?<kind>audio|video)-(?<mindex>\d{1,3})\.mjr$/;

const headerSchema = z.object({
  t: z.enum(["a", "v", "d"]),
  c: z.string().min(1).max(20),
  /** The stream's description (our publishers label each m-line with its source). */
  d: z.string().max(100).optional(),
  s: z.number().int().positive(),
  u: z.number().int().nonnegative(),
});

/**
 * The recorded streams in `dir` (other files are ignored). A stream Janus opened but never wrote a packet to (the
 * publisher left before media flowed) has no usable header and is left out.
 */
export async function listRecordedTracks(dir: string, opts: { signal?: AbortSignal } = {}): Promise<RecordedTrack[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new RecordingError("no_media", "The recording's files are missing.", undefined, { cause: error });
    throw error;
  });
  const tracks: RecordedTrack[] = [];
  for (const name of names.sort()) {
    const match = FILE.exec(name);
    if (!match?.groups) continue;
    const file = join(dir, name);
    const header = await readHeader(file, opts.signal);
    if (!header || header.u === 0 || header.t === "d") continue;
    tracks.push({
      file,
      key: match.groups.key!,
      participant: participantOf(match.groups.key!),
      source: sourceOf(match.groups.source!, header.d),
      kind: header.t === "a" ? "audio" : "video",
      codec: header.c,
      firstPacketUs: header.u,
      bytes: (await stat(file)).size,
    });
  }
  return tracks;
}

/** A whole-connection publisher's video is the camera unless it was published as the screen share. */
function sourceOf(fromName: string, description: string | undefined): StreamSource {
  if (fromName !== "publisher") return fromName as StreamSource;
  return description === "screen" ? "screen" : "camera";
}

async function readHeader(file: string, signal?: AbortSignal) {
  let out = "";
  const result = await runProcess(JANUS_PP_REC, ["--json", "--disable-colors", "--debug-level=0", file], { signal, onStdout: (c) => (out += c) });
  if (result.code !== 0) return null;
  try {
    const parsed = headerSchema.safeParse(JSON.parse(out.trim()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
