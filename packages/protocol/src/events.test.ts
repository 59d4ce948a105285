import { describe, expect, it } from "vitest";
import { CLIENT_EVENTS, clientEventSchemas, isClientEventName, type ClientEventName } from "./events";
import { LIMITS } from "./limits";
import { ackSchema, ackError, ackOk, ERROR_CODES } from "./errors";
import { canModerate, participantRoleSchema, participantSchema } from "./models";
import { iceRefreshResultSchema } from "./ice";
import { roomJoinResultSchema } from "./room";
import { isPolitePeer, signalDescriptionSchema, trackSourcesSchema } from "./signal";

const id = "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f";
const joinPayload = {
  token: "a.b.c",
  meetingId: id,
  protocolVersion: 1,
  media: { audioMuted: false, videoMuted: true },
};

/** `sources` maps the schema must reject: unknown source, bad or oversized mid, too many entries, wrong shape. */
const badSources: unknown[] = [
  { "0": "hologram" },
  { "0": null },
  { "": "camera" },
  { "a b": "camera" },
  { "0\r\na=x": "camera" },
  { ["m".repeat(LIMITS.midMaxLength + 1)]: "camera" },
  Object.fromEntries(Array.from({ length: LIMITS.trackSourcesMax + 1 }, (_, i) => [String(i), "camera"])),
  ["camera"],
  "0 camera",
];

const goodQualityReport = {
  rttMs: 42,
  jitterMs: 3.5,
  packetLossPercent: 0.4,
  inboundKbps: 1200,
  outboundKbps: 900,
  timeToFirstFrameMs: null,
  iceFailures: 0,
  path: "direct",
  videoCodec: "vp8",
  audioCodec: "opus",
};
/** Quality reports that must not reach metrics or the database: out of range, unknown enums, strings, extra keys. */
const badQualityReports: unknown[] = [
  {},
  null,
  "rtt=42",
  { ...goodQualityReport, rttMs: 1e12 },
  { ...goodQualityReport, rttMs: -1 },
  { ...goodQualityReport, rttMs: Number.POSITIVE_INFINITY },
  { ...goodQualityReport, rttMs: Number.NaN },
  { ...goodQualityReport, rttMs: "42" },
  { ...goodQualityReport, packetLossPercent: 100.5 },
  { ...goodQualityReport, inboundKbps: 2_000_000 },
  { ...goodQualityReport, iceFailures: 1.5 },
  { ...goodQualityReport, iceFailures: 101 },
  { ...goodQualityReport, path: "satellite" },
  { ...goodQualityReport, path: "Relay" },
  { ...goodQualityReport, videoCodec: "vp8; attacker-label" },
  { ...goodQualityReport, audioCodec: "g711" },
  { ...goodQualityReport, node: "node-1" },
  { ...goodQualityReport, labels: { room: "x" } },
  (({ path: _path, ...rest }) => rest)(goodQualityReport),
];

/** One valid payload per event, and payloads each schema must reject. */
const cases: Record<ClientEventName, { good: unknown[]; bad: unknown[] }> = {
  "room:join": {
    good: [
      joinPayload,
      { ...joinPayload, passcode: "1234" },
      { ...joinPayload, resume: { participantId: id, resumeToken: "r".repeat(32) } },
    ],
    bad: [
      {},
      { ...joinPayload, token: 42 },
      { ...joinPayload, meetingId: "not-a-uuid" },
      { ...joinPayload, protocolVersion: "1" },
      { ...joinPayload, media: { audioMuted: "no", videoMuted: false } },
      { ...joinPayload, media: undefined },
      { ...joinPayload, token: "x".repeat(LIMITS.tokenMaxLength + 1) },
      { ...joinPayload, passcode: "" },
      { ...joinPayload, resume: { participantId: id, resumeToken: "short" } },
    ],
  },
  "room:leave": { good: [{}], bad: [null, "leave", 3] },
  "ice:refresh": { good: [{}], bad: [null, "now", 7] },
  "media:update": {
    good: [{ audioMuted: true }, { videoMuted: false, screenSharing: true }],
    bad: [{}, { audioMuted: "yes" }, null],
  },
  "signal:description": {
    good: [
      { to: id, description: { type: "offer", sdp: "v=0" } },
      { to: id, description: { type: "offer", sdp: "v=0" }, sources: {} },
      { to: id, description: { type: "answer", sdp: "v=0" }, sources: { "0": "microphone", "1": "camera", "4": "screen", audio: "microphone" } },
    ],
    bad: [
      { to: id },
      { to: "peer-1", description: { type: "offer", sdp: "v=0" } },
      { to: id, description: { type: "rollback", sdp: "" } },
      { to: id, description: { type: "answer", sdp: "x".repeat(LIMITS.sdpMaxLength + 1) } },
      ...badSources.map((sources) => ({ to: id, description: { type: "offer", sdp: "v=0" }, sources })),
    ],
  },
  "signal:candidate": {
    good: [
      { to: id, candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0", sdpMLineIndex: 0 } },
      { to: id, candidate: null },
    ],
    bad: [{ to: id }, { to: id, candidate: { candidate: 5 } }, { to: id, candidate: { candidate: "c".repeat(5000) } }],
  },
  "signal:ice-restart": { good: [{ to: id }], bad: [{}, { to: 1 }] },
  "chat:send": {
    good: [{ body: "hello" }],
    bad: [{}, { body: "" }, { body: "   " }, { body: 7 }, { body: "x".repeat(LIMITS.chatBodyMaxLength + 1) }],
  },
  "hand:raise": { good: [{}], bad: [null, []] },
  "hand:lower": { good: [{}, { participantId: id }], bad: [{ participantId: "x" }, null] },
  "reaction:send": { good: [{ reaction: "👍" }], bad: [{}, { reaction: "<script>" }, { reaction: "💩" }] },
  "host:mute": { good: [{ participantId: id }, { participantId: id, kind: "video" }], bad: [{}, { participantId: id, kind: "screen" }] },
  "host:remove": { good: [{ participantId: id }, { participantId: id, block: true }], bad: [{}, { participantId: 12 }, { participantId: id, block: "yes" }] },
  "host:lock": { good: [{}], bad: [null] },
  "host:unlock": { good: [{}], bad: [null] },
  "host:end": { good: [{}], bad: [null] },
  "host:promote": { good: [{ participantId: id }], bad: [{}, null, { participantId: "guest" }, { participantId: 7 }, { participantId: `${id}\n` }] },
  "host:demote": { good: [{ participantId: id }], bad: [{}, "x", { participantId: "" }, { participantId: null }] },
  "lobby:admit": { good: [{ participantId: id }], bad: [{}, { participantId: "" }] },
  "lobby:deny": { good: [{ participantId: id }], bad: [{}, { participantId: null }] },
  "sfu:publish": {
    good: [{ offer: { type: "offer", sdp: "v=0" }, sources: { "0": "microphone", "1": "camera" } }],
    bad: [
      {},
      { offer: { type: "answer", sdp: "v=0" }, sources: {} },
      { offer: { type: "offer", sdp: "" }, sources: {} },
      { offer: { type: "offer", sdp: "x".repeat(LIMITS.sdpMaxLength + 1) }, sources: {} },
      ...badSources.map((sources) => ({ offer: { type: "offer", sdp: "v=0" }, sources })),
    ],
  },
  "sfu:answer": {
    good: [{ seq: 0, answer: { type: "answer", sdp: "v=0" } }],
    bad: [{}, { seq: -1, answer: { type: "answer", sdp: "v=0" } }, { seq: 1, answer: { type: "offer", sdp: "v=0" } }],
  },
  "sfu:candidate": {
    good: [
      { target: "publisher", candidate: { candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0" } },
      { target: "subscriber", candidate: null },
    ],
    bad: [{}, { target: "janus", candidate: null }, { target: "publisher" }],
  },
  "sfu:layers": {
    good: [{ preferences: [] }, { preferences: [{ participantId: id, layer: "low" }] }],
    bad: [
      {},
      { preferences: [{ participantId: id, layer: "ultra" }] },
      { preferences: [{ participantId: "nope", layer: "low" }] },
      { preferences: Array.from({ length: LIMITS.sfuStreamsMax + 1 }, () => ({ participantId: id, layer: "off" })) },
    ],
  },
  "sfu:sync": { good: [{}], bad: [null, "x"] },
  "recording:start": { good: [{ meetingId: "3f0e7a3c-8f4e-4a34-9d8e-0c4f2b1f6a11" }], bad: [{}, { meetingId: "../x" }, { meetingId: 1 }, null] },
  "recording:stop": { good: [{ meetingId: "3f0e7a3c-8f4e-4a34-9d8e-0c4f2b1f6a11" }], bad: [{}, { meetingId: "not-a-uuid" }, "x"] },  "quality:report": { good: [goodQualityReport], bad: badQualityReports },
};

describe("client event schemas", () => {
  it("covers every client event", () => {
    expect(Object.keys(cases).sort()).toEqual([...CLIENT_EVENTS].sort());
  });

  for (const event of CLIENT_EVENTS) {
    it(`${event} accepts valid and rejects malformed payloads`, () => {
      const schema = clientEventSchemas[event];
      for (const good of cases[event].good) expect(schema.safeParse(good).success, JSON.stringify(good)).toBe(true);
      for (const bad of cases[event].bad) expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    });
  }

  it("knows its event names and nothing else", () => {
    expect(isClientEventName("room:join")).toBe(true);
    expect(isClientEventName("room:nuke")).toBe(false);
    expect(isClientEventName("toString")).toBe(false);
  });

  it("defaults host:mute to audio", () => {
    expect(clientEventSchemas["host:mute"].parse({ participantId: id }).kind).toBe("audio");
  });

  it("knows three roles, and only host and co-host moderate", () => {
    expect(participantRoleSchema.options).toEqual(["host", "cohost", "guest"]);
    expect(participantRoleSchema.safeParse("Cohost").success).toBe(false);
    expect(["host", "cohost", "guest"].map((role) => canModerate(participantRoleSchema.parse(role)))).toEqual([true, true, false]);
  });

  it("trims chat bodies", () => {
    expect(clientEventSchemas["chat:send"].parse({ body: "  hi  " }).body).toBe("hi");
  });
});

describe("acknowledgements", () => {
  const schema = ackSchema(participantSchema);
  const participant = {
    id,
    name: "Ada",
    role: "host",
    audioMuted: false,
    videoMuted: false,
    screenSharing: false,
    handRaised: false,
    joinedAt: "2026-01-01T10:00:00.000Z",
  };

  it("accepts ok and error acks", () => {
    expect(schema.safeParse(ackOk(participant)).success).toBe(true);
    expect(schema.safeParse(ackError("room_full", "The meeting is full.")).success).toBe(true);
  });

  it("rejects error codes outside the closed set", () => {
    expect(schema.safeParse({ ok: false, error: { code: "oops", message: "x" } }).success).toBe(false);
    expect(ERROR_CODES).toContain("incompatible");
  });

  it("parses both join results", () => {
    const room = { meetingId: id, title: "Standup", topology: "mesh", locked: false, lobbyEnabled: true, capacity: 50 };
    expect(roomJoinResultSchema.safeParse({ status: "waiting", lobbyId: id, room }).success).toBe(true);
    const joined = {
      status: "joined",
      self: participant,
      participants: [],
      chatHistory: [],
      iceServers: [{ urls: ["stun:127.0.0.1:3478"] }],
      room,
      resumeToken: "r",
      resumed: false,
      lobby: [],
    };
    expect(roomJoinResultSchema.safeParse(joined).success).toBe(true);
    expect(roomJoinResultSchema.safeParse({ ...joined, room: { ...room, topology: "p2p" } }).success).toBe(false);
    expect(roomJoinResultSchema.safeParse({ ...joined, iceServersExpireInSeconds: 600 }).success).toBe(true);
    expect(roomJoinResultSchema.safeParse({ ...joined, iceServersExpireInSeconds: -1 }).success).toBe(false);
  });

  it("parses the answer to ice:refresh", () => {
    const turn = { urls: ["turn:turn.example:3478"], username: "1700000000:p", credential: "c" };
    expect(iceRefreshResultSchema.safeParse({ iceServers: [turn], expiresInSeconds: 600 }).success).toBe(true);
    expect(iceRefreshResultSchema.safeParse({ iceServers: [], expiresInSeconds: null }).success).toBe(true);
    expect(iceRefreshResultSchema.safeParse({ iceServers: [turn], expiresInSeconds: 0 }).success).toBe(false);
    expect(iceRefreshResultSchema.safeParse({ iceServers: [{ urls: [] }], expiresInSeconds: 60 }).success).toBe(false);
  });
});

describe("signal:description sources", () => {
  const relayed = { from: id, description: { type: "answer", sdp: "v=0" } };

  it("are optional and validated the same way in the relayed (server → client) event", () => {
    expect(signalDescriptionSchema.safeParse(relayed).success).toBe(true);
    expect(signalDescriptionSchema.parse({ ...relayed, sources: { "0": "screen" } }).sources).toEqual({ "0": "screen" });
    for (const sources of badSources) expect(signalDescriptionSchema.safeParse({ ...relayed, sources }).success, JSON.stringify(sources)).toBe(false);
  });

  it("accepts exactly the bounded size", () => {
    const max = Object.fromEntries(Array.from({ length: LIMITS.trackSourcesMax }, (_, i) => [String(i), "camera"]));
    expect(trackSourcesSchema.safeParse(max).success).toBe(true);
    expect(trackSourcesSchema.safeParse({ ["m".repeat(LIMITS.midMaxLength)]: "camera" }).success).toBe(true);
  });
});

describe("isPolitePeer", () => {
  it("gives exactly one side of a pair the polite role", () => {
    const other = "0d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f";
    expect(isPolitePeer({ id }, { id: other })).not.toBe(isPolitePeer({ id: other }, { id }));
    // The later joiner waits for the one already there, whatever the ids.
    const early = "2026-11-22T10:00:00.000Z";
    const late = "2026-11-22T10:00:05.000Z";
    expect(isPolitePeer({ id: "a", joinedAt: late }, { id: "b", joinedAt: early })).toBe(true);
    expect(isPolitePeer({ id: "b", joinedAt: early }, { id: "a", joinedAt: late })).toBe(false);
    expect(isPolitePeer({ id: "a", joinedAt: early }, { id: "b", joinedAt: early })).toBe(true);
  });
});
