import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PROTOCOL_VERSION, type ClientToServerEvents, type Joined, type ServerToClientEvents } from "@parley/protocol";
import { Server, type Socket } from "socket.io";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SignalChannel } from "./signal-channel";
import { createSocketSignalChannel } from "./socket-signal-channel";

let io: Server<ClientToServerEvents, ServerToClientEvents>;
let url: string;
let channel: SignalChannel | null = null;

beforeEach(async () => {
  const http = createServer();
  io = new Server(http);
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(async () => {
  channel?.close();
  channel = null;
  await io.close();
});

function open(requestTimeoutMs = 2000): SignalChannel {
  channel = createSocketSignalChannel({ url, requestTimeoutMs });
  return channel;
}

function connected(c: SignalChannel): Promise<void> {
  return new Promise((resolve) => {
    if (c.connected) return resolve();
    const off = c.onConnectionChange((up) => {
      if (up) {
        off();
        resolve();
      }
    });
    c.connect();
  });
}

const participant = (name: string) => ({
  id: randomUUID(),
  name,
  role: "guest" as const,
  audioMuted: false,
  videoMuted: false,
  screenSharing: false,
  handRaised: false,
  joinedAt: new Date().toISOString(),
});

const joined = (): Joined => ({
  status: "joined",
  self: participant("me"),
  participants: [participant("other")],
  chatHistory: [],
  iceServers: [{ urls: ["stun:127.0.0.1:3478"] }],
  room: { meetingId: randomUUID(), title: "T", topology: "mesh", locked: false, lobbyEnabled: false, capacity: 3 },
  resumeToken: "resume-token-0123456789",
  resumed: false,
  lobby: [],
});

const joinPayload = { token: "t", meetingId: randomUUID(), protocolVersion: PROTOCOL_VERSION, media: { audioMuted: false, videoMuted: false } };

describe("SocketSignalChannel against a real socket.io server", () => {
  it("resolves a request with the validated acknowledgement data", async () => {
    const answer = joined();
    io.on("connection", (socket) => socket.on("room:join", (_payload, ack) => ack({ ok: true, data: answer })));
    const c = open();
    await connected(c);
    const result = await c.request("room:join", joinPayload);
    expect(result).toEqual(answer);
  });

  it("rejects with the server's error code, and rejects malformed acknowledgements", async () => {
    io.on("connection", (socket) => {
      socket.on("room:join", (_p, ack) => ack({ ok: false, error: { code: "room_full", message: "The meeting is full." } }));
      socket.on("chat:send", (_p, ack) => (ack as (v: unknown) => void)({ ok: true, data: { nope: 1 } }));
    });
    const c = open();
    await connected(c);
    await expect(c.request("room:join", joinPayload)).rejects.toMatchObject({ code: "room_full", message: "The meeting is full." });
    await expect(c.request("chat:send", { body: "hi" })).rejects.toMatchObject({ code: "server_error" });
  });

  it("times out a request nobody answers with signal_timeout", async () => {
    io.on("connection", (socket) => socket.on("room:leave", () => undefined));
    const c = open(100);
    await connected(c);
    await expect(c.request("room:leave", {})).rejects.toMatchObject({ code: "signal_timeout" });
  });

  it("drops malformed server events and delivers valid ones", async () => {
    const c = open();
    const got: string[] = [];
    c.on("participant:left", (left) => got.push(left.participantId));
    const serverSocket = new Promise<Socket>((resolve) => io.on("connection", resolve));
    await connected(c);
    const s = await serverSocket;
    const id = randomUUID();
    (s as unknown as { emit(e: string, p: unknown): void }).emit("participant:left", { participantId: 42, reason: "left" });
    s.emit("participant:left", { participantId: id, reason: "left" });
    await expect.poll(() => got).toEqual([id]);
  });

  it("reports down/up and reconnects by itself after a server-side disconnect", async () => {
    const c = open();
    const changes: boolean[] = [];
    c.onConnectionChange((up) => changes.push(up));
    await connected(c);
    for (const s of await io.fetchSockets()) s.disconnect(true);
    await expect.poll(() => changes, { timeout: 3000 }).toEqual([true, false, true]);
    expect(c.connected).toBe(true);
  });

  it("refuses requests while disconnected and after close (close twice is fine)", async () => {
    const c = open();
    await expect(c.request("room:leave", {})).rejects.toMatchObject({ code: "signal_disconnected" });
    c.close();
    c.close();
    await expect(c.request("room:leave", {})).rejects.toMatchObject({ code: "closed" });
  });
});
