import { CALL_ERROR_CODES } from "@parley/webrtc-client";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import messages from "../../../messages/en.json";
import { chatButtonLabel, chatRemainingMessage, chatTooLongMessage, hostActionErrorMessage, mediaErrorMessage, recordingErrorMessage } from "./messages";

// The English catalogue, as a component gets it from useTranslations("callMessages").
const t = createTranslator({ locale: "en", messages, namespace: "callMessages" });

describe("in-call messages", () => {
  it("tells people when the media server or a participant can't be reached, not that their camera failed", () => {
    expect(CALL_ERROR_CODES).toContain("media_unreachable");
    expect(mediaErrorMessage(t, "media_unreachable")).toBe("Can't reach the media server — check your network / firewall. Still retrying…");
    expect(mediaErrorMessage(t, "ice_failed")).toMatch(/check your network \/ firewall/);
  });

  it("explains a refused recording by its cause, and never says the camera failed", () => {
    expect(recordingErrorMessage(t, "recording_unavailable")).toMatch(/media server \(SFU\).*none configured/);
    expect(recordingErrorMessage(t, "forbidden")).toBe("Only the host or a co-host can record this meeting.");
    expect(recordingErrorMessage(t, "recording_active")).toBe("This meeting is already being recorded.");
    for (const code of CALL_ERROR_CODES) expect(recordingErrorMessage(t, code)).not.toMatch(/camera|microphone/i);
    expect(recordingErrorMessage(t, undefined)).toBe("Recording could not be changed. Try again.");
  });

  it("explains a refused host action (remove, end for all) in the confirmation, never with raw server text", () => {
    expect(hostActionErrorMessage(t, "not_found")).toBe("That person is no longer in the meeting.");
    expect(hostActionErrorMessage(t, "forbidden")).toBe("Only the host or a co-host can do that.");
    for (const code of CALL_ERROR_CODES) expect(hostActionErrorMessage(t, code)).not.toMatch(/camera|microphone/i);
    expect(hostActionErrorMessage(t, undefined)).toBe("That did not work. Try again.");
  });
});

describe("chat messages", () => {
  it("counts down near the limit and says plainly what is wrong over it", () => {
    expect(chatRemainingMessage(t, 200)).toBe("200 characters left");
    expect(chatRemainingMessage(t, 1)).toBe("1 character left");
    expect(chatRemainingMessage(t, -1234)).toBe("1,234 over the limit");
    expect(chatTooLongMessage(t, 5, 2000)).toBe("5 characters too many: a message can have at most 2,000 characters. Shorten it or send it in parts.");
  });

  it("names the chat button with its unread count", () => {
    expect(chatButtonLabel(t, 0)).toBe("Chat");
    expect(chatButtonLabel(t, 3)).toBe("Chat, 3 unread");
  });
});
