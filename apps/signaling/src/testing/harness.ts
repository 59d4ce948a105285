// Test support for the integration tests: a real server on port 0, a real database, real socket.io clients.
import { randomUUID } from "node:crypto";
import { joinTokenKey, mintJoinToken } from "@parley/join-auth";
import { pino } from "pino";
import { io as connectClient, type Socket } from "socket.io-client";
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientEventName,
  type ClientEventPayload,
  type ClientEventResults,
  type ClientToServerEvents,
  type Joined,
  type ParticipantRole,
  type RoomJoinPayload,
  type ServerToClientEvents,
} from "@parley/protocol";
import { createDb, type Db } from "@parley/db";
import { defaultSignalingConfig, type SignalingConfig } from "../config";
import type { SignalingDb } from "../db";
import { createSignalingServer, type SignalingServer } from "../server";

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export const TEST_SECRET = "test-join-token-secret-0123456789abcdef";

export interface MeetingOptions {
  lobbyEnabled?: boolean;
  mediaMode?: "AUTO" | "SFU";
  passcodeHash?: string | null;
}

export interface Person {
  sub: string;
  name: string;
  role: ParticipantRole;
  /** The browser's guest id (the join token's `browser` claim). */
  browser?: string;
}

export interface ConnectOptions {
  headers?: Record<string, string>;
}

/** Everything one integration test needs. Call `close()` in afterEach/afterAll. */
export interface Harness {
  db: Db;
  server: SignalingServer;
  url: string;
  createMeeting(options?: MeetingOptions): Promise<{ id: string; host: Person }>;
  guest(name?: string): Person;
  token(meetingId: string, person: Person, options?: { iat?: number; exp?: number; secret?: string }): Promise<string>;
  /** Connect a socket; `headers` go on the WebSocket upgrade (Origin, X-Forwarded-For). */
  connect(options?: ConnectOptions): Promise<Client>;
  /** Connect and join; returns the socket and the join answer. */
  join(
    meetingId: string,
    person: Person,
    extra?: Partial<RoomJoinPayload>,
    options?: ConnectOptions,
  ): Promise<{ client: Client; ack: Ack<ClientEventResults["room:join"]> }>;
  /** Join and insist on being in the call. */
  joined(meetingId: string, person: Person, extra?: Partial<RoomJoinPayload>): Promise<{ client: Client; joined: Joined }>;
  /** Start another server on the same database (a process restart). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  databaseUrl: string,
  config: Partial<SignalingConfig> = {},
  /** What the server gets as its database (e.g. a write held back); the harness itself uses the real one. */
  serverDb: (db: Db) => SignalingDb = (db) => db,
): Promise<Harness> {
  const db = createDb(databaseUrl);
  const clients = new Set<Client>();
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const fullConfig: SignalingConfig = { ...defaultSignalingConfig, ...config };

  async function start() {
    const server = createSignalingServer({ db: serverDb(db), joinTokenSecret: TEST_SECRET, logger, config: fullConfig });
    const { port } = await server.listen(0, "127.0.0.1");
    return { server, url: `http://127.0.0.1:${port}` };
  }

  const harness: Harness = {
    db,
    ...(await start()),

    async createMeeting(options = {}) {
      const userId = `u${randomUUID().replaceAll("-", "")}`;
      await db.prisma.user.create({ data: { id: userId, name: "Host", email: `${userId}@example.test` } });
      const meeting = await db.meetings.create({
        hostId: userId,
        slug: randomUUID(),
        title: "Standup",
        startsAt: new Date(),
        durationMinutes: 30,
        timeZone: "UTC",
        lobbyEnabled: options.lobbyEnabled ?? false,
        ...(options.mediaMode ? { mediaMode: options.mediaMode } : {}),
        passcodeHash: options.passcodeHash ?? null,
        invitees: [],
        instant: true,
      });
      return { id: meeting.id, host: { sub: `user:${userId}`, name: "Hana Host", role: "host" } };
    },

    guest(name = "Gus Guest") {
      return { sub: `guest:${randomUUID().slice(0, 12)}`, name, role: "guest" };
    },

    async token(meetingId, person, options = {}) {
      // Minted exactly as the web app mints (the same function and key derivation).
      const iat = options.iat ?? Math.floor(Date.now() / 1000);
      const claims = { sub: person.sub, meetingId, name: person.name, role: person.role, ...(person.browser ? { browser: person.browser } : {}) };
      return mintJoinToken(claims, joinTokenKey(options.secret ?? TEST_SECRET), {
        now: new Date(iat * 1000),
        ttlSeconds: (options.exp ?? iat + 300) - iat,
      });
    },

    async connect(options = {}) {
      const client: Client = connectClient(harness.url, {
        transports: ["websocket"],
        forceNew: true,
        reconnection: false,
        ...(options.headers ? { extraHeaders: options.headers } : {}),
      });
      clients.add(client);
      await new Promise<void>((resolve, reject) => {
        client.once("connect", () => resolve());
        client.once("connect_error", reject);
      });
      return client;
    },

    async join(meetingId, person, extra = {}, options = {}) {
      const client = await harness.connect(options);
      const payload: RoomJoinPayload = {
        token: await harness.token(meetingId, person),
        meetingId,
        protocolVersion: PROTOCOL_VERSION,
        media: { audioMuted: false, videoMuted: false },
        ...extra,
      };
      // NOTE: a join may be held back on purpose (passcode pacing), so it gets more time than other requests.
      const ack = await request(client, "room:join", payload, 15_000);
      return { client, ack };
    },

    async joined(meetingId, person, extra) {
      const { client, ack } = await harness.join(meetingId, person, extra);
      if (!ack.ok) throw new Error(`join failed: ${ack.error.code} ${ack.error.message}`);
      if (ack.data.status !== "joined") throw new Error(`expected joined, got ${ack.data.status}`);
      // The attendance record is tied to the member just after the answer: wait for it (up to 5 s), so tests that
      // compare room states before and after see a settled room.
      const selfId = ack.data.self.id;
      for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
        const member = (await harness.server.rooms.get(meetingId))?.members.find((m) => m.id === selfId);
        if (!member || member.attendanceId !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return { client, joined: ack.data };
    },

    async restart() {
      await harness.server.close();
      Object.assign(harness, await start());
    },

    async close() {
      for (const client of clients) client.disconnect();
      await harness.server.close();
      await db.close();
    },
  };
  return harness;
}

/** Emit a request event and wait for its ack. */
export function request<E extends ClientEventName>(
  client: Client,
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs = 3000,
): Promise<Ack<ClientEventResults[E]>> {
  return emitWithTimeout(client, timeoutMs, event, payload) as Promise<Ack<ClientEventResults[E]>>;
}

/** Emit anything at all (malformed payloads, unknown events) and wait for the ack. */
export function rawRequest(client: Client, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return emitWithTimeout(client, 3000, event, ...args);
}

function emitWithTimeout(client: Client, timeoutMs: number, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  const loose = client as unknown as { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<Ack<unknown>> } };
  return loose.timeout(timeoutMs).emitWithAck(event, ...args);
}

/** The next `event` the client receives. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  client: Client,
  event: E,
  timeoutMs = 3000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const loose = client as unknown as { once(e: string, l: (arg: never) => void): void; off(e: string, l: (arg: never) => void): void };
    const timer = setTimeout(() => {
      loose.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (arg: never) => {
      clearTimeout(timer);
      resolve(arg);
    };
    loose.once(event, listener);
  });
}

/** Records every event a client receives, to assert that nothing happened. */
export function recordEvents(client: Client): Array<{ event: string; args: unknown[] }> {
  const seen: Array<{ event: string; args: unknown[] }> = [];
  client.onAny((event: string, ...args: unknown[]) => seen.push({ event, args }));
  return seen;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
