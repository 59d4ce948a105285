import { describe, expect, it } from "vitest";
import { decodeSources, encodeSources } from "./sdp-sources";

const sdp = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";

describe("sdp source lines", () => {
  it("round-trips the mid → source map and restores the original SDP", () => {
    const encoded = encodeSources(sdp, { "0": "microphone", "1": "camera", "4": "screen" });
    expect(encoded).toContain("a=x-parley-source:4 screen");
    const decoded = decodeSources(encoded);
    expect(decoded.sources).toEqual({ "0": "microphone", "1": "camera", "4": "screen" });
    expect(decoded.sdp).not.toContain("x-parley");
    expect(decoded.sdp.startsWith(sdp)).toBe(true);
  });

  it("ignores unknown sources and leaves plain SDP untouched", () => {
    expect(decodeSources(sdp)).toEqual({ sdp, sources: {} });
    expect(decodeSources(`${sdp}a=x-parley-source:2 hologram\r\n`).sources).toEqual({});
  });
});
