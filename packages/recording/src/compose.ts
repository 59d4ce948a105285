import { mkdir, readdir, rename, rm, stat, statfs } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { RecordingError, looksLikeDiskFull } from "./errors";
import { ffmpegProgressParser } from "./ffmpeg-progress";
import { CELL, FRAME_RATE, compositionFilter, tilesFor, type TimedInput } from "./layout";
import { runProcess } from "./run-process";
import { JANUS_PP_REC, listRecordedTracks, type RecordedTrack } from "./tracks";

export const FFMPEG = "ffmpeg";
export const FFPROBE = "ffprobe";

export type ComposeProgress = { percent: number; outTimeMs: number; totalMs: number };

export type ComposeOptions = {
  /** The recording's directory (Janus' rec_dir for it): the .mjr files. */
  inputDir: string;
  /** Where the composed MP4 goes; written as `<file>.part` and renamed when complete. */
  outputFile: string;
  /** Intermediate files; default `<inputDir>/.work`, removed afterwards. */
  workDir?: string;
  onProgress?: (progress: ComposeProgress) => void;
  signal?: AbortSignal;
  /** Keep the .mjr files after a successful compose (they are removed by default). */
  keepRaw?: boolean;
};

export type ComposedRecording = {
  file: string;
  durationMs: number;
  sizeBytes: number;
  width: number;
  height: number;
  /**
   * The tiles in grid order: one per person and source, with when it starts in the file (its first part: `key` is
   * that part's publisher session) and every part it shows (several when the person's media came back through a new
   * publisher session: a republish, a Janus restart or failover).
   */
  tiles: {
    key: string;
    participant: string;
    source: "camera" | "screen";
    offsetMs: number;
    parts: { key: string; offsetMs: number; durationMs: number }[];
  }[];
  /** Streams that could not be converted and were left out, with the reason (for logs). */
  skipped: { file: string; reason: string }[];
  /** Raw files that could not be removed after composing (for logs; permissions). */
  rawKept: string[];
};

/** Bytes of free space beyond the estimate we insist on, so composing never fills a disk to the last byte. */
const SPARE_BYTES = 64 * 1024 * 1024;

/**
 * Converts each recorded stream with janus-pp-rec and composes one MP4 (H.264/AAC): a grid of cameras and screen
 * shares, all audio mixed, each stream placed on the timeline by the time Janus wrote its first packet.
 * The raw .mjr files are removed only after the composed file is complete. Throws RecordingError.
 */
export async function composeRecording(opts: ComposeOptions): Promise<ComposedRecording> {
  const workDir = opts.workDir ?? join(opts.inputDir, ".work");
  const tracks = await listRecordedTracks(opts.inputDir, { signal: opts.signal });
  if (tracks.length === 0) throw new RecordingError("no_media", "Nothing was recorded: no participant's media reached the server.");
  const rawBytes = tracks.reduce((n, t) => n + t.bytes, 0);
  // Converted streams are about as large as the raw ones, the composed file smaller: twice the raw size is ample.
  await ensureFreeSpace(dirname(opts.outputFile), rawBytes * 2 + SPARE_BYTES);
  await mkdir(workDir, { recursive: true });
  const partFile = `${opts.outputFile}.part`;
  try {
    const converted = await convertAll(tracks, workDir, opts.signal);
    if (converted.ok.length === 0) {
      throw new RecordingError("convert_failed", "None of the recorded streams could be converted.", converted.skipped.map((s) => s.reason).join("\n"));
    }
    const start = Math.min(...converted.ok.map((c) => c.track.firstPacketUs));
    const placed = converted.ok.map((c) => ({ ...c, offsetMs: (c.track.firstPacketUs - start) / 1000 }));
    const totalMs = Math.max(...placed.map((c) => c.offsetMs + c.durationMs));
    const videos = placed.filter((c) => c.track.kind === "video");
    const audios = placed.filter((c) => c.track.kind === "audio");
    // One tile per person and source: a person's parts (successive publisher sessions) are shown in order in it.
    const tiles = tilesFor(videos);
    const tiled = tiles.flatMap((t, tile) => t.parts.map((c) => ({ c, tile })));
    const ordered = [...tiled.map(({ c }) => c), ...audios];
    const inputs: TimedInput[] = [
      ...tiled.map(({ c, tile }, index) => ({ index, kind: "video" as const, offsetMs: c.offsetMs, tile })),
      ...audios.map((c, n) => ({ index: tiled.length + n, kind: "audio" as const, offsetMs: c.offsetMs })),
    ];
    const args: string[] = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-progress", "pipe:1"];
    for (const c of ordered) args.push("-i", c.file);
    if (videos.length === 0) {
      // Audio only (every camera off): one black tile, so the file still plays as a video everywhere.
      inputs.push({ index: ordered.length, kind: "video", offsetMs: 0, tile: 0 });
      args.push("-f", "lavfi", "-i", `color=c=black:s=${CELL.width}x${CELL.height}:r=${FRAME_RATE}`);
    }
    const { filter, grid, hasAudio } = compositionFilter(inputs, totalMs);
    args.push("-filter_complex", filter, "-map", "[vout]");
    if (hasAudio) args.push("-map", "[aout]");
    args.push(
      ...["-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p", "-r", String(FRAME_RATE)],
      ...(hasAudio ? ["-c:a", "aac", "-b:a", "128k", "-ar", "48000"] : []),
      ...["-t", (totalMs / 1000).toFixed(3), "-movflags", "+faststart", "-f", "mp4", "-y", partFile],
    );
    const parse = ffmpegProgressParser(({ outTimeMs, done }) => {
      const percent = done ? 100 : Math.min(99, Math.floor((outTimeMs / totalMs) * 100));
      opts.onProgress?.({ percent, outTimeMs: Math.min(outTimeMs, totalMs), totalMs });
    });
    const result = await runProcess(FFMPEG, args, { signal: opts.signal, onStdout: parse });
    if (result.code !== 0) {
      if (looksLikeDiskFull(result.stderrTail)) throw RecordingError.diskFull(dirname(opts.outputFile), result.stderrTail);
      throw new RecordingError("compose_failed", "Composing the recording failed.", result.stderrTail);
    }
    await rename(partFile, opts.outputFile);
    const sizeBytes = (await stat(opts.outputFile)).size;
    // NOTE: the composed file is complete: failing to remove raw files (another user's directory, e.g. Janus' in its
    // own container) must not fail the recording; they are listed for the caller's log instead.
    const rawKept: string[] = [];
    if (!opts.keepRaw) {
      await Promise.all(tracks.map((t) => rm(t.file, { force: true }).catch(() => void rawKept.push(t.file))));
      await removeEmptyRecordings(opts.inputDir).catch(() => undefined);
    }
    return {
      file: opts.outputFile,
      durationMs: Math.round(totalMs),
      sizeBytes,
      width: grid.width,
      height: grid.height,
      tiles: tiles.map(({ participant, source, parts }) => ({
        key: parts[0]!.track.key,
        participant,
        source,
        offsetMs: Math.round(parts[0]!.offsetMs),
        parts: parts.map((p) => ({ key: p.track.key, offsetMs: Math.round(p.offsetMs), durationMs: Math.round(p.durationMs) })),
      })),
      skipped: converted.skipped,
      rawKept,
    };
  } catch (error) {
    await rm(partFile, { force: true });
    if (error instanceof RecordingError) throw error;
    const errno = (error as NodeJS.ErrnoException).code;
    if (looksLikeDiskFull(undefined, errno)) throw RecordingError.diskFull(dirname(opts.outputFile));
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

type Converted = { track: RecordedTrack; file: string; durationMs: number };


async function convertAll(tracks: RecordedTrack[], workDir: string, signal?: AbortSignal) {
  const ok: Converted[] = [];
  const skipped: { file: string; reason: string }[] = [];
  // NOTE: one conversion at a time; janus-pp-rec is I/O-bound and quick, and ffmpeg afterwards wants the cores.
  for (const track of tracks) {
    const file = join(workDir, `${basename(track.file, ".mjr")}.${containerFor(track)}`);
    const result = await runProcess(JANUS_PP_REC, ["--disable-colors", "--debug-level=3", track.file, file], { signal });
    if (result.code !== 0) {
      if (looksLikeDiskFull(result.stderrTail)) throw RecordingError.diskFull(workDir, result.stderrTail);
      skipped.push({ file: track.file, reason: `janus-pp-rec exited with ${result.code ?? result.signal}: ${result.stderrTail.slice(-500)}` });
      continue;
    }
    const durationMs = await probeDurationMs(file, signal);
    if (durationMs === null || durationMs <= 0) {
      skipped.push({ file: track.file, reason: "converted stream has no duration" });
      continue;
    }
    ok.push({ track, file, durationMs });
  }
  return { ok, skipped };
}

function containerFor(track: RecordedTrack): string {
  if (track.kind === "audio") return track.codec === "opus" ? "opus" : "wav";
  return track.codec === "h264" || track.codec === "h265" ? "mkv" : "webm";
}

/** Container duration in ms as ffprobe reports it, or null. */
export async function probeDurationMs(file: string, signal?: AbortSignal): Promise<number | null> {
  let out = "";
  const result = await runProcess(FFPROBE, ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", file], {
    signal,
    onStdout: (c) => (out += c),
  });
  const seconds = Number.parseFloat(out.trim());
  return result.code === 0 && Number.isFinite(seconds) ? seconds * 1000 : null;
}

async function ensureFreeSpace(dir: string, needed: number) {
  await mkdir(dir, { recursive: true });
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  if (free < needed) {
    throw RecordingError.diskFull(dir, `needs about ${Math.ceil(needed / 1e6)} MB, ${Math.floor(free / 1e6)} MB free`);
  }
}

/** Streams Janus opened but never wrote to (8-byte files) are not worth keeping once the rest is composed. */
async function removeEmptyRecordings(dir: string) {
  for (const name of await readdir(dir)) {
    if (!name.endsWith(".mjr")) continue;
    const file = join(dir, name);
    if ((await stat(file)).size <= 64) await rm(file, { force: true });
  }
}
