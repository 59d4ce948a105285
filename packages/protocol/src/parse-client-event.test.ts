import { describe, expect, it } from "vitest";
import { CLIENT_EVENTS, clientResultSchemas, serverEventSchemas } from "./events";
import { LIMITS } from "./limits";
import { parseClientEventPayload } from "./parse-client-event";

describe("the wire contract's schema maps", () => {
  it("has an acknowledgement schema for every client event, and nothing else", () => {
    expect(Object.keys(clientResultSchemas).sort()).toEqual([...CLIENT_EVENTS].sort());
  });

  it("parses empty acknowledgements and refuses results of the wrong shape", () => {
    expect(clientResultSchemas["room:leave"].safeParse({}).success).toBe(true);
    expect(clientResultSchemas["sfu:sync"].safeParse({ status: "maybe" }).success).toBe(false);
    expect(serverEventSchemas["room:ended"].safeParse({ reason: "because" }).success).toBe(false);
    expect(serverEventSchemas["server:error"].safeParse({ code: "teapot", message: "x" }).success).toBe(false);
  });
});

describe("parseClientEventPayload", () => {
  it("returns the parsed payload", () => {
    expect(parseClientEventPayload("chat:send", { body: "  hi " })).toEqual({ success: true, data: { body: "hi" } });
  });

  it("answers oversized fields with payload_too_large and everything else wrong with invalid_payload", () => {
    const tooLong = parseClientEventPayload("chat:send", { body: "x".repeat(LIMITS.chatBodyMaxLength + 1) });
    expect(tooLong).toMatchObject({ success: false, error: { code: "payload_too_large" } });
    expect(parseClientEventPayload("chat:send", { body: 3 })).toMatchObject({
      success: false,
      error: { code: "invalid_payload", message: expect.stringMatching(/^Invalid payload \(body: /) },
    });
    expect(parseClientEventPayload("host:remove", undefined)).toMatchObject({ success: false, error: { code: "invalid_payload" } });
  });
});
