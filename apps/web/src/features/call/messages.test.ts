import { CALL_ERROR_CODES } from "@parley/webrtc-client";
import { describe, expect, it } from "vitest";
import { mediaErrorMessage } from "./messages";

describe("in-call messages", () => {
  it("tells people when the media server or a participant can't be reached, not that their camera failed", () => {
    expect(CALL_ERROR_CODES).toContain("media_unreachable");
    expect(mediaErrorMessage("media_unreachable")).toBe("Can't reach the media server — check your network / firewall. Still retrying…");
    expect(mediaErrorMessage("ice_failed")).toMatch(/check your network \/ firewall/);
  });
});
