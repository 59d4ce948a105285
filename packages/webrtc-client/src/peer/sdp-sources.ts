import type { SourceMap, TrackSource } from "./peer-session";

/**
 * Carries the sender's mid → source map inside the SDP string it already sends, as private
 * `a=x-parley-source:<mid> <source>` lines that the receiver strips again before handing the SDP to
 * its RTCPeerConnection. This keeps camera vs screen identification working without a wire field of
 * its own; the signaling server only relays the SDP (and only checks its length).
 */
const PREFIX = "a=x-parley-source:";
const SOURCES: readonly TrackSource[] = ["microphone", "camera", "screen"];

export function encodeSources(sdp: string, sources: SourceMap): string {
  const lines = Object.entries(sources).map(([mid, source]) => `${PREFIX}${mid} ${source}`);
  if (lines.length === 0) return sdp;
  const body = sdp.endsWith("\r\n") || sdp.endsWith("\n") ? sdp : `${sdp}\r\n`;
  return `${body}${lines.join("\r\n")}\r\n`;
}

/** Split a received SDP into the clean SDP and the sender's source map (unknown sources are ignored). */
export function decodeSources(sdp: string): { sdp: string; sources: SourceMap } {
  if (!sdp.includes(PREFIX)) return { sdp, sources: {} };
  const sources: SourceMap = {};
  const kept: string[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (!line.startsWith(PREFIX)) {
      kept.push(line);
      continue;
    }
    const [mid, source] = line.slice(PREFIX.length).trim().split(" ");
    if (mid && source && (SOURCES as readonly string[]).includes(source)) sources[mid] = source as TrackSource;
  }
  return { sdp: kept.join("\r\n"), sources };
}
