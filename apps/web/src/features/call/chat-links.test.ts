import { describe, expect, it } from "vitest";
import { chatSegments } from "./chat-links";

describe("chatSegments", () => {
  it("keeps plain text as one text segment, markup included", () => {
    expect(chatSegments("hello <b>bold</b> & <script>x</script>")).toEqual([{ kind: "text", text: "hello <b>bold</b> & <script>x</script>" }]);
  });

  it("finds http and https links between text", () => {
    expect(chatSegments("see https://example.com/x and <b>bold</b>")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://example.com/x", href: "https://example.com/x" },
      { kind: "text", text: " and <b>bold</b>" },
    ]);
    expect(chatSegments("http://a.example.org/p?q=1#h")).toEqual([{ kind: "link", text: "http://a.example.org/p?q=1#h", href: "http://a.example.org/p?q=1#h" }]);
  });

  it("leaves trailing punctuation and closing brackets out of a link", () => {
    expect(chatSegments("(see https://example.com/docs).")).toEqual([
      { kind: "text", text: "(see " },
      { kind: "link", text: "https://example.com/docs", href: "https://example.com/docs" },
      { kind: "text", text: ")." },
    ]);
  });

  it("finds several links, on several lines", () => {
    const segments = chatSegments("one https://a.example\ntwo https://b.example");
    expect(segments.filter((s) => s.kind === "link").map((s) => s.text)).toEqual(["https://a.example", "https://b.example"]);
    expect(segments.map((s) => s.text).join("")).toBe("one https://a.example\ntwo https://b.example");
  });

  it("links nothing but http(s): no javascript:, data:, mailto:, ftp:, protocol-relative, bare domains or e-mails", () => {
    for (const body of [
      "javascript:alert(1)",
      "click javascript://example.com/%0Aalert(1)",
      "data:text/html,<script>alert(1)</script>",
      "mailto:someone@example.com",
      "ftp://example.com/file",
      "//example.com/x",
      "example.com readme.md",
      "someone@example.com",
    ]) {
      expect(chatSegments(body), body).toEqual([{ kind: "text", text: body }]);
    }
  });

  it("puts the normalised URL in href, and the text as typed", () => {
    const [link] = chatSegments("HTTPS://Example.COM/a b");
    expect(link).toEqual({ kind: "link", text: "HTTPS://Example.COM/a", href: "https://example.com/a" });
  });

  it("returns nothing for an empty message", () => {
    expect(chatSegments("")).toEqual([]);
  });
});
