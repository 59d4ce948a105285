import { LIMITS } from "@parley/protocol";
import { describe, expect, it } from "vitest";
import { CHAT_COUNTER_FROM, chatLength } from "./chat-length";

describe("chatLength", () => {
  const max = LIMITS.chatBodyMaxLength;

  it("shows no counter for a short message", () => {
    expect(chatLength("hello")).toEqual({ length: 5, remaining: max - 5, nearLimit: false, overLimit: false });
  });

  it("shows the counter near the limit, and allows exactly the limit", () => {
    expect(chatLength("x".repeat(max - CHAT_COUNTER_FROM - 1)).nearLimit).toBe(false);
    expect(chatLength("x".repeat(max - CHAT_COUNTER_FROM))).toMatchObject({ nearLimit: true, overLimit: false, remaining: CHAT_COUNTER_FROM });
    expect(chatLength("x".repeat(max))).toMatchObject({ remaining: 0, overLimit: false });
  });

  it("refuses one character over the limit", () => {
    expect(chatLength("x".repeat(max + 1))).toMatchObject({ remaining: -1, nearLimit: true, overLimit: true });
  });

  it("counts as the server does: surrounding spaces trimmed, CRLF as one character", () => {
    expect(chatLength(`  ${"x".repeat(max)}\n\n `).overLimit).toBe(false);
    expect(chatLength("a\r\nb").length).toBe(3);
    expect(chatLength("👩‍💻").length).toBe("👩‍💻".length);
  });
});
