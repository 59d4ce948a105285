import { describe, expect, it } from "vitest";
import { withStartBitrate } from "./start-bitrate";

const SDP = [
  "v=0",
  "m=audio 9 UDP/TLS/RTP/SAVPF 111",
  "a=rtpmap:111 opus/48000/2",
  "a=fmtp:111 minptime=10;useinbandfec=1",
  "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98",
  "a=rtpmap:96 VP8/90000",
  "a=rtpmap:97 rtx/90000",
  "a=fmtp:97 apt=96",
  "a=rtpmap:98 H264/90000",
  "a=fmtp:98 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
  "",
].join("\r\n");

describe("withStartBitrate", () => {
  it("adds the start rate to every video codec (a new fmtp where there is none), not to audio or rtx", () => {
    const out = withStartBitrate(SDP, 1000);
    expect(out).toContain("a=rtpmap:96 VP8/90000\r\na=fmtp:96 x-google-start-bitrate=1000\r\n");
    expect(out).toContain("a=fmtp:98 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f;x-google-start-bitrate=1000");
    expect(out).toContain("a=fmtp:111 minptime=10;useinbandfec=1\r\n");
    expect(out).toContain("a=fmtp:97 apt=96\r\n");
  });

  it("is idempotent and leaves descriptions without video alone", () => {
    const once = withStartBitrate(SDP, 1000);
    expect(withStartBitrate(once, 1000)).toBe(once);
    const audioOnly = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n";
    expect(withStartBitrate(audioOnly, 1000)).toBe(audioOnly);
  });
});
