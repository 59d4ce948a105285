import { CALL_ERROR_CODES } from "@parley/webrtc-client";
import { describe, expect, it } from "vitest";
import { chatButtonLabel, chatRemainingMessage, chatTooLongMessage, hostActionErrorMessage, mediaErrorMessage, recordingErrorMessage } from "./messages";

describe("in-call messages", () => {
  it("tells people when the media server or a participant can't be reached, not that their camera failed", () => {
    expect(CALL_ERROR_CODES).toContain("media_unreachable");
    expect(mediaErrorMessage("media_unreachable")).toBe("Can't reach the media server — check your network / firewall. Still retrying…");
    expect(mediaErrorMessage("ice_failed")).toMatch(/check your network \/ firewall/);
  });

  it("explains a refused recording by its cause, and never says the camera failed", () => {
    expect(recordingErrorMessage("recording_unavailable")).toMatch(/media server \(SFU\).*none configured/);
    expect(recordingErrorMessage("forbidden")).toBe("Only the host or a co-host can record this meeting.");
    expect(recordingErrorMessage("recording_active")).toBe("This meeting is already being recorded.");
    for (const code of CALL_ERROR_CODES) expect(recordingErrorMessage(code)).not.toMatch(/camera|microphone/i);
    expect(recordingErrorMessage(undefined)).toBe("Recording could not be changed. Try again.");
  });

  it("explains a refused host action (remove, end for all) in the confirmation, never with raw server text", () => {
    expect(hostActionErrorMessage("not_found")).toBe("That person is no longer in the meeting.");
    expect(hostActionErrorMessage("forbidden")).toBe("Only the host or a co-host can do that.");
    for (const code of CALL_ERROR_CODES) expect(hostActionErrorMessage(code)).not.toMatch(/camera|microphone/i);
    expect(hostActionErrorMessage(undefined)).toBe("That did not work. Try again.");
  });
});

describe("chat messages", () => {
  it("counts down near the limit and says plainly what is wrong over it", () => {
    expect(chatRemainingMessage(200)).toBe("200 characters left");
    expect(chatRemainingMessage(1)).toBe("1 character left");
    expect(chatRemainingMessage(-1234)).toBe("1,234 over the limit");
    expect(chatTooLongMessage(5, 2000)).toBe("5 characters too many: a message can have at most 2,000 characters. Shorten it or send it in parts.");
  });

  it("names the chat button with its unread count", () => {
    expect(chatButtonLabel(0)).toBe("Chat");
    expect(chatButtonLabel(3)).toBe("Chat, 3 unread");
  });
});
