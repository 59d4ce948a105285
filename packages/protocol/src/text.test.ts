import { describe, expect, it } from "vitest";
import { chatSendPayloadSchema } from "./chat";
import { displayNameSchema, multiLineTextSchema, singleLineTextSchema } from "./text";

describe("displayNameSchema", () => {
  it.each(["Ada", "  Ada Lovelace  ", "Zoë Ünal", "محمد", "李小龙", "👩‍💻 Dev", "می‌خواهم", "x".repeat(80)])("accepts %j", (name) => {
    expect(displayNameSchema.safeParse(name).success).toBe(true);
  });

  it("trims", () => {
    expect(displayNameSchema.parse("  Ada  ")).toBe("Ada");
  });

  it.each([
    ["empty", "   "],
    ["81 characters", "x".repeat(81)],
    ["NUL", "a\u0000b"],
    ["tab", "a\tb"],
    ["newline", "Ada\nHost"],
    ["DEL", "a\u007Fb"],
    ["C1 control", "a\u0085b"],
    ["right-to-left override", "Alice (Host)\u202E"],
    ["left-to-right embedding", "\u202AAlice"],
    ["first strong isolate", "Ali\u2068ce"],
    ["right-to-left mark", "Alice\u200F"],
    ["zero-width space", "Ali\u200Bce"],
    ["zero-width joiner at the end", "Alice\u200D"],
    ["word joiner", "Ali\u2060ce"],
    ["byte order mark inside", "Ali\uFEFFce"],
    ["line separator", "Ali\u2028ce"],
    ["lone surrogate", "Ali\uD800ce"],
  ])("refuses a name with %s", (_what, name) => {
    expect(displayNameSchema.safeParse(name).success).toBe(false);
  });
});

describe("chat bodies", () => {
  it("keeps newlines and tabs, unifies CRLF", () => {
    expect(chatSendPayloadSchema.parse({ body: "line 1\r\nline 2\n\tindented" }).body).toBe("line 1\nline 2\n\tindented");
  });

  it.each(["a\u0000b", "bell\u0007", "esc\u001B[31m", "c1\u009B"])("refuses %j", (body) => {
    expect(chatSendPayloadSchema.safeParse({ body }).success).toBe(false);
  });

  it("allows right-to-left text (marks are part of writing it)", () => {
    expect(chatSendPayloadSchema.safeParse({ body: "שלום\u200F!" }).success).toBe(true);
  });
});

describe("titles and descriptions", () => {
  it("single-line refuses what names refuse, multi-line keeps newlines", () => {
    expect(singleLineTextSchema(200).safeParse("Standup\u202E").success).toBe(false);
    expect(singleLineTextSchema(5).safeParse("Standup").success).toBe(false);
    expect(multiLineTextSchema(100).parse("Agenda:\r\n- a")).toBe("Agenda:\n- a");
    expect(multiLineTextSchema(100).safeParse("a\u0000").success).toBe(false);
  });
});
