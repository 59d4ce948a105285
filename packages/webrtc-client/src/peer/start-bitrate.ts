/**
 * Chrome starts every video sender at 300 kbit/s and ramps up from there, so the first keyframe of a call (tens of
 * kB at 540p) takes a few hundred ms to pace out: most of the gap between "connected" and the first remote frame.
 * `x-google-start-bitrate` in the fmtp of a description applied as *remote* raises the sender's start rate; bandwidth
 * estimation still takes over within a second, downwards if the path cannot carry it. Chrome-only; other browsers
 * ignore the parameter, and it never leaves this browser (it is added to what we apply, not to what we send).
 */
export const DEFAULT_START_BITRATE_KBPS = 1_500;

const VIDEO_CODEC = /^a=rtpmap:(\d+) (VP8|VP9|H264|AV1)\/90000\r?$/gm;

/** `sdp` with `x-google-start-bitrate=<kbps>` on every video codec's fmtp line (added when there is none). */
export function withStartBitrate(sdp: string, kbps: number): string {
  const payloadTypes = [...sdp.matchAll(VIDEO_CODEC)].map((m) => m[1] as string);
  let result = sdp;
  for (const pt of new Set(payloadTypes)) {
    const fmtp = new RegExp(`^a=fmtp:${pt} ([^\\r\\n]*)`, "m");
    const existing = fmtp.exec(result);
    if (existing) {
      if (existing[1]?.includes("x-google-start-bitrate=")) continue;
      result = result.replace(fmtp, `a=fmtp:${pt} $1;x-google-start-bitrate=${kbps}`);
    } else {
      result = result.replace(new RegExp(`^(a=rtpmap:${pt} [^\\r\\n]*)(\\r?\\n)`, "m"), `$1$2a=fmtp:${pt} x-google-start-bitrate=${kbps}$2`);
    }
  }
  return result;
}
