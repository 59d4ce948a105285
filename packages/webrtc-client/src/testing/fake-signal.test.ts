import { LIMITS, PROTOCOL_VERSION, type ClientEventName } from "@parley/protocol";
import { describe, expect, it } from "vitest";
import { CallError } from "../errors";
import { FakeSignalChannel, FakeSignalHub } from "./fake-signal";

async function joined(hub: FakeSignalHub): Promise<FakeSignalChannel> {
  const channel = new FakeSignalChannel(hub);
  channel.connect();
  await new Promise((resolve) => setTimeout(resolve, 5));
  const media = { audioMuted: false, videoMuted: false };
  await channel.request("room:join", { token: "t", meetingId: hub.meetingId, protocolVersion: PROTOCOL_VERSION, media });
  return channel;
}

/** Send anything at all, as a broken or hostile client could (the types would not let us). */
async function codeOf(channel: FakeSignalChannel, event: ClientEventName, payload: unknown): Promise<string> {
  try {
    await channel.request(event, payload as never);
    return "accepted";
  } catch (error) {
    return error instanceof CallError ? error.code : "untyped";
  }
}

describe("FakeSignalHub", () => {
  // NOTE: these are payloads the signaling service refuses in dispatch (same parser, same codes); a fake that took
  // them would let engine tests pass against a server that does not exist.
  it("refuses the payloads the signaling service refuses, with its codes, and changes nothing", async () => {
    const hub = new FakeSignalHub();
    const channel = await joined(hub);
    const before = [...hub.members.values()][0]!.info;

    expect(await codeOf(channel, "chat:send", { body: "x".repeat(LIMITS.chatBodyMaxLength + 1) })).toBe("payload_too_large");
    expect(await codeOf(channel, "chat:send", { body: "   " })).toBe("invalid_payload");
    expect(await codeOf(channel, "media:update", {})).toBe("invalid_payload");
    expect(await codeOf(channel, "media:update", { audioMuted: "yes" })).toBe("invalid_payload");
    expect(await codeOf(channel, "signal:description", { to: "not-a-participant-id", description: { type: "offer", sdp: "v=0" } })).toBe(
      "invalid_payload",
    );
    expect(await codeOf(channel, "room:join", { token: "t", meetingId: hub.meetingId })).toBe("invalid_payload");

    expect(hub.chat).toEqual([]);
    expect([...hub.members.values()][0]!.info).toEqual(before);
  });

  it("hands the hub what the server's handlers get: the parsed payload", async () => {
    const hub = new FakeSignalHub();
    const channel = await joined(hub);
    const message = await channel.request("chat:send", { body: "  hello  " });
    expect(message.body).toBe("hello");
    expect(hub.chat.map((m) => m.body)).toEqual(["hello"]);
  });

  it("refuses to deliver a server event the real client would drop as malformed", () => {
    const hub = new FakeSignalHub();
    const channel = new FakeSignalChannel(hub);
    expect(() => channel.deliver("room:ended", { reason: "because" } as never)).toThrow(/malformed "room:ended"/);
  });
});
