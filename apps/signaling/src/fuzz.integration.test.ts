// Fuzzing the socket surface of a real signaling server (port 0, real Postgres): generated malformed payloads for
// every client event, event names of every type, raw socket.io/engine.io packets. The process must stay up, every
// answer must be a typed error from the closed set, and the room must not change.
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import WebSocket from "ws";
import { CLIENT_EVENTS, ERROR_CODES, clientEventSchemas, isClientEventName, type Ack } from "@parley/protocol";
import { rawRequest, request, sleep, startHarness, type Client, type Harness } from "./testing/harness";

let h: Harness;
const escaped: unknown[] = [];
const recordEscape = (error: unknown) => escaped.push(error);

beforeAll(async () => {
  // A generous budget: the point here is what happens to input that gets through the rate limit.
  h = await startHarness(inject("databaseUrl"), { rateLimit: { points: 100_000, durationSeconds: 1 } });
});
afterAll(() => h.close());

// NOTE: socket.io runs its listeners from process.nextTick: an exception there is an uncaught exception of the
// whole process (the node would die). Record instead of dying so the test can say what escaped.
beforeEach(() => {
  escaped.length = 0;
  process.on("uncaughtException", recordEscape);
  process.on("unhandledRejection", recordEscape);
});
afterEach(() => {
  process.off("uncaughtException", recordEscape);
  process.off("unhandledRejection", recordEscape);
});

/** Event names a client can put on the wire: ours, near misses, other types (socket.io allows numbers). */
const eventNames = fc.oneof(
  fc.constantFrom(...CLIENT_EVENTS),
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "", " ", "room:join ", "ROOM:JOIN"),
  fc.string({ maxLength: 80 }),
  fc.integer(),
  // NOTE: NaN and ±Infinity travel as `null`, which socket.io's parser refuses by closing the connection (the raw
  // packet test covers that); here the socket must stay open for the next case.
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A payload that the event's own schema refuses (a valid one would legitimately change the room). */
function isMalformedFor(event: unknown, payload: unknown): boolean {
  if (typeof event !== "string" || !isClientEventName(event)) return true;
  return !clientEventSchemas[event].safeParse(payload).success;
}

const payloads = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({ token: fc.jsonValue(), meetingId: fc.jsonValue(), protocolVersion: fc.jsonValue() }, { requiredKeys: [] }),
  fc.record({ to: fc.jsonValue(), description: fc.jsonValue(), candidate: fc.jsonValue() }, { requiredKeys: [] }),
  fc.record({ body: fc.oneof(fc.string(), fc.jsonValue()), participantId: fc.jsonValue() }, { requiredKeys: [] }),
  fc.constant(undefined),
);

async function snapshot(meetingId: string) {
  const room = await h.server.rooms.get(meetingId);
  return { room, chat: await h.db.chat.history(meetingId, 50) };
}

function expectTypedError(ack: Ack<unknown>, what: string): void {
  expect(ack.ok, what).toBe(false);
  if (!ack.ok) expect(ERROR_CODES as readonly string[], what).toContain(ack.error.code);
}

describe("fuzzing the signaling socket", () => {
  it("answers generated malformed events with typed errors, stays up and changes no room", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const { client: member } = await h.joined(meeting.id, h.guest("Member"));
    const outsider = await h.connect();
    const before = await snapshot(meeting.id);

    await fc.assert(
      fc.asyncProperty(eventNames, payloads, fc.boolean(), fc.boolean(), async (event, payload, joined, withAck) => {
        fc.pre(isMalformedFor(event, payload));
        const client: Client = joined ? member : outsider;
        const loose = client as unknown as { emit(event: unknown, ...args: unknown[]): void };
        if (!withAck) {
          loose.emit(event, payload);
          return;
        }
        const ack = await rawRequest(client, event as string, payload);
        expectTypedError(ack, `${String(event).slice(0, 40)} ${JSON.stringify(payload)?.slice(0, 80)}`);
      }),
      { numRuns: 400 },
    );

    await sleep(100);
    expect(escaped).toEqual([]);
    expect(await snapshot(meeting.id)).toEqual(before);
    expect(await request(host, "hand:raise", {})).toMatchObject({ ok: true });
  });

  it("survives the one-packet crash: a numeric event name and an event without a name", async () => {
    const client = await h.connect();
    const loose = client as unknown as { emit(event: unknown, ...args: unknown[]): void };
    loose.emit(0);
    loose.emit(42, { body: "x" });
    const ack = await rawRequest(client, 7 as unknown as string, {});
    expect(ack).toMatchObject({ ok: false, error: { code: "unknown_event" } });
    await sleep(50);
    expect(escaped).toEqual([]);
    expect((await h.connect()).connected).toBe(true);
  });

  it("survives raw engine.io/socket.io packets of any shape", async () => {
    const meeting = await h.createMeeting();
    const { client: host } = await h.joined(meeting.id, meeting.host);
    const before = await snapshot(meeting.id);
    const fixed = [
      "42", "42[]", "42[0]", "42[null]", "42[{}]", "42[[]]", "42[true]", "421[0]", "421[]", "42[\"room:join\"]",
      "42[\"chat:send\",{\"body\":\"a\\u0000b\"}]", "42[\"__proto__\",{}]", "42[1e309]", "42{}", "42\"x\"", "42[",
      "43", "431[]", "44", "45", "451-[\"chat:send\",{\"_placeholder\":true,\"num\":0}]", "451-[0,{\"_placeholder\":true,\"num\":9}]",
      "46", "4", "4x", "40", "41", "2", "3", "5", "6", "9", "", "\u0000",
    ];
    const generated = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 60 }).map((s) => `42${s}`),
        fc.jsonValue({ maxDepth: 3 }).map((v) => `42${JSON.stringify(v)}`),
        fc.tuple(fc.integer({ min: 0, max: 9 }), fc.jsonValue({ maxDepth: 2 })).map(([type, v]) => `4${type}${JSON.stringify(v)}`),
      ),
      { numRuns: 300, seed: 14 },
    );

    for (const packets of [fixed, generated]) {
      // One connection per batch: the server may (rightly) close a connection that sends garbage.
      const ws = await openRawSocket(h.url);
      for (const packet of packets) if (ws.readyState === WebSocket.OPEN) ws.send(packet);
      if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.from([0x04, 0xff, 0x00]));
      await sleep(100);
      ws.terminate();
    }

    await sleep(100);
    expect(escaped).toEqual([]);
    expect(await snapshot(meeting.id)).toEqual(before);
    expect(await request(host, "chat:send", { body: "still here" })).toMatchObject({ ok: true });
    expect((await h.connect()).connected).toBe(true);
  });
});

/** An engine.io v4 WebSocket with the socket.io connect packet sent: raw frames go straight to the parser. */
async function openRawSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`);
  await new Promise<void>((resolve, reject) => {
    ws.once("error", reject);
    ws.once("message", () => resolve()); // engine.io "open" packet
  });
  const connected = new Promise<void>((resolve) => ws.once("message", () => resolve()));
  ws.send("40");
  await connected;
  return ws;
}
