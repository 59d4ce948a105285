import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CLIENT_EVENTS, LIMITS, PROTOCOL_VERSION, type ClientEventName } from "@parley/protocol";
import { nextEvent, rawRequest, recordEvents, request, sleep, startHarness, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  // A generous budget: these tests fire dozens of requests per second on purpose.
  h = await startHarness(inject("databaseUrl"), { rateLimit: { points: 10_000, durationSeconds: 1 } });
});
afterAll(() => h.close());

const otherRoomsId = "2f1e0d9c-8b7a-4654-9321-0fedcba98765";
const long = (n: number) => "x".repeat(n + 1);

/** Malformed payloads for every client event: wrong types, missing fields, oversized strings. */
const malformed: Record<ClientEventName, unknown[]> = {
  "room:join": [undefined, null, "join", {}, { token: 1, meetingId: otherRoomsId, protocolVersion: PROTOCOL_VERSION }, { token: long(LIMITS.tokenMaxLength), meetingId: otherRoomsId, protocolVersion: 1, media: { audioMuted: false, videoMuted: false } }],
  "room:leave": [undefined, null, 42],
  "ice:refresh": [undefined, null, "now", 7],
  "media:update": [undefined, {}, { audioMuted: "yes" }, { screenSharing: 1 }],
  "signal:description": [undefined, {}, { to: 5, description: { type: "offer", sdp: "v=0" } }, { to: otherRoomsId, description: { type: "offer", sdp: long(LIMITS.sdpMaxLength) } }, { to: otherRoomsId, description: { type: "pranswer", sdp: "v=0" } }],
  "signal:candidate": [undefined, { to: otherRoomsId }, { to: otherRoomsId, candidate: { candidate: long(LIMITS.candidateMaxLength) } }, { to: "me", candidate: null }],
  "signal:ice-restart": [undefined, {}, { to: ["x"] }],
  "chat:send": [undefined, {}, { body: 3 }, { body: "   " }, { body: long(LIMITS.chatBodyMaxLength) }],
  "hand:raise": [undefined, "up"],
  "hand:lower": [undefined, { participantId: 7 }],
  "reaction:send": [undefined, {}, { reaction: "🐍" }, { reaction: long(100) }],
  "host:mute": [undefined, {}, { participantId: otherRoomsId, kind: "screen" }],
  "host:remove": [undefined, {}, { participantId: "admin" }],
  "host:lock": [undefined, "now"],
  "host:unlock": [undefined, []],
  "host:end": [undefined, 0],
  "host:promote": [undefined, {}, { participantId: "host" }, { participantId: long(36) }],
  "host:demote": [undefined, null, { participantId: 1 }],
  "lobby:admit": [undefined, {}, { participantId: long(40) }],
  "lobby:deny": [undefined, { participantId: null }],
  "sfu:publish": [undefined, {}, { offer: { type: "answer", sdp: "v=0" }, sources: {} }, { offer: { type: "offer", sdp: long(LIMITS.sdpMaxLength) }, sources: {} }],
  "sfu:answer": [undefined, { seq: "1", answer: { type: "answer", sdp: "v=0" } }, { seq: 1, answer: { type: "offer", sdp: "v=0" } }],
  "sfu:candidate": [undefined, { target: "janus", candidate: null }, { target: "publisher", candidate: { candidate: long(LIMITS.candidateMaxLength) } }],
  "sfu:layers": [undefined, { preferences: [{ participantId: otherRoomsId, layer: "4k" }] }],
  "sfu:sync": [undefined, "now"],
  "recording:start": [undefined, {}, { meetingId: "../../etc" }, { meetingId: 5 }],
  "recording:stop": [undefined, "stop", { meetingId: long(40) }],
  "quality:report": [undefined, {}, { rttMs: "42" }, { path: "relay", extra: 1 }],
};

/** Well-formed payloads that address things that do not exist in the sender's room. */
const foreign: Partial<Record<ClientEventName, unknown>> = {
  "signal:description": { to: otherRoomsId, description: { type: "offer", sdp: "v=0" } },
  "signal:candidate": { to: otherRoomsId, candidate: null },
  "signal:ice-restart": { to: otherRoomsId },
  "hand:lower": { participantId: otherRoomsId },
  "host:mute": { participantId: otherRoomsId },
  "host:remove": { participantId: otherRoomsId },
  "lobby:admit": { participantId: otherRoomsId },
  "lobby:deny": { participantId: otherRoomsId },
};

describe("malformed input", () => {
  it("answers every malformed payload with a typed error and changes nothing", async () => {
    const meeting = await h.createMeeting();
    const other = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const { client: guest, joined: before } = await h.joined(meeting.id, h.guest());
    const { joined: stranger } = await h.joined(other.id, other.host);
    const guestSeen = recordEvents(guest);

    for (const event of CLIENT_EVENTS) {
      for (const payload of malformed[event]) {
        const ack = await rawRequest(host, event, payload);
        expect(ack.ok, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(false);
        if (!ack.ok) expect(["invalid_payload", "payload_too_large"]).toContain(ack.error.code);
      }
    }
    for (const [event, payload] of Object.entries(foreign)) {
      expect(await rawRequest(host, event, payload)).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    // The real id of a participant in another room is just as unknown.
    expect(await request(host, "host:remove", { participantId: stranger.self.id })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });

    await sleep(50);
    expect(guestSeen).toEqual([]);
    expect(await h.db.chat.history(meeting.id, 10)).toEqual([]);
    // A second host looks (the same identity joining again would take over the first host's seat).
    const { joined: after } = await h.joined(meeting.id, { ...meeting.host, sub: `${meeting.host.sub}b` });
    expect(after.room).toEqual(before.room);
    expect(after.participants.map(({ joinedAt: _, ...p }) => p).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [before.self, ...before.participants].map(({ joinedAt: _, ...p }) => p).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it("rejects oversized strings as payload_too_large", async () => {
    const meeting = await h.createMeeting();
    const { client } = await h.joined(meeting.id, meeting.host);
    expect(await request(client, "chat:send", { body: long(LIMITS.chatBodyMaxLength) })).toMatchObject({
      ok: false,
      error: { code: "payload_too_large" },
    });
  });

  it("answers unknown events with unknown_event", async () => {
    const client = await h.connect();
    expect(await rawRequest(client, "room:nuke", {})).toMatchObject({ ok: false, error: { code: "unknown_event" } });
    expect(await rawRequest(client, "__proto__", {})).toMatchObject({ ok: false, error: { code: "unknown_event" } });
  });

  it("reports errors of events sent without an ack callback as server:error", async () => {
    const client = await h.connect();
    const error = nextEvent(client, "server:error");
    (client as unknown as { emit(event: string, payload: unknown): void }).emit("chat:send", { body: 1 });
    expect(await error).toMatchObject({ code: "invalid_payload" });
    const unknown = nextEvent(client, "server:error");
    (client as unknown as { emit(event: string): void }).emit("whatever");
    expect(await unknown).toMatchObject({ code: "unknown_event" });
    // An ack callback but no payload at all.
    expect(await rawRequest(client, "hand:raise")).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
  });

  it("answers not_in_room to every event but room:join before joining", async () => {
    const client = await h.connect();
    const valid: Record<Exclude<ClientEventName, "room:join">, unknown> = {
      "room:leave": {},
      "ice:refresh": {},
      "media:update": { audioMuted: true },
      "signal:description": { to: otherRoomsId, description: { type: "offer", sdp: "v=0" } },
      "signal:candidate": { to: otherRoomsId, candidate: null },
      "signal:ice-restart": { to: otherRoomsId },
      "chat:send": { body: "hi" },
      "hand:raise": {},
      "hand:lower": {},
      "reaction:send": { reaction: "👍" },
      "host:mute": { participantId: otherRoomsId },
      "host:remove": { participantId: otherRoomsId },
      "host:lock": {},
      "host:unlock": {},
      "host:end": {},
      "host:promote": { participantId: otherRoomsId },
      "host:demote": { participantId: otherRoomsId },
      "lobby:admit": { participantId: otherRoomsId },
      "lobby:deny": { participantId: otherRoomsId },
      "sfu:publish": { offer: { type: "offer", sdp: "v=0" }, sources: {} },
      "sfu:answer": { seq: 1, answer: { type: "answer", sdp: "v=0" } },
      "sfu:candidate": { target: "publisher", candidate: null },
      "sfu:layers": { preferences: [] },
      "sfu:sync": {},
      "recording:start": { meetingId: otherRoomsId },
      "recording:stop": { meetingId: otherRoomsId },
      "quality:report": { rttMs: null, jitterMs: null, packetLossPercent: null, inboundKbps: null, outboundKbps: null, timeToFirstFrameMs: null, iceFailures: 0, path: "unknown", videoCodec: "none", audioCodec: "none" },
    };
    for (const [event, payload] of Object.entries(valid)) {
      expect(await rawRequest(client, event, payload), event).toMatchObject({ ok: false, error: { code: "not_in_room" } });
    }
  });
});

describe("limits", () => {
  it("rate-limits a noisy socket without touching the others", async () => {
    const limited = await startHarness(inject("databaseUrl"), { rateLimit: { points: 20, durationSeconds: 60 } });
    try {
      const meeting = await limited.createMeeting();
      const { client: noisy } = await limited.joined(meeting.id, meeting.host);
      const { client: calm } = await limited.joined(meeting.id, limited.guest());
      const acks = await Promise.all(Array.from({ length: 10 }, () => request(noisy, "reaction:send", { reaction: "👏" })));
      expect(acks.filter((ack) => ack.ok).length).toBe(2);
      expect(acks.filter((ack) => !ack.ok && ack.error.code === "rate_limited").length).toBe(8);
      expect(await request(calm, "hand:raise", {})).toMatchObject({ ok: true });
    } finally {
      await limited.close();
    }
  });

  it("counts unknown events against the same per-socket budget", async () => {
    const limited = await startHarness(inject("databaseUrl"), { rateLimit: { points: 20, durationSeconds: 60 } });
    try {
      const client = await limited.connect();
      const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => rawRequest(client, `nope:${i}`, {})));
      expect(acks.filter((ack) => !ack.ok && ack.error.code === "unknown_event").length).toBe(20);
      expect(acks.filter((ack) => !ack.ok && ack.error.code === "rate_limited").length).toBe(10);
      // The budget is shared: a known event is refused too until the window ends.
      expect(await rawRequest(client, "hand:raise", {})).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    } finally {
      await limited.close();
    }
  });

  it("closes a connection that sends a frame above the maximum payload size; the server keeps serving", async () => {
    const small = await startHarness(inject("databaseUrl"), { maxPayloadBytes: 4096 });
    try {
      const meeting = await small.createMeeting();
      const { client } = await small.joined(meeting.id, meeting.host);
      const closed = new Promise<string>((resolve) => client.once("disconnect", (reason) => resolve(reason)));
      client.emit("chat:send", { body: "x".repeat(10_000) }, () => undefined);
      expect(await closed).toBe("transport close");
      expect((await small.join(meeting.id, small.guest())).ack).toMatchObject({ ok: true });
    } finally {
      await small.close();
    }
  });
});
