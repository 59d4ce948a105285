import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";
import { rawRequest, request, startHarness, type Harness } from "./testing/harness";

const METRICS_TOKEN = "metrics-token-0123456789";
let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), { metricsToken: METRICS_TOKEN, corsOrigins: ["https://meet.example"] });
});
afterAll(() => h.close());

/** The value of one sample line of the Prometheus text format (0 when absent). */
function sample(text: string, line: string): number {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

describe("health endpoints", () => {
  it("answers liveness and readiness (database reachable, no Redis configured)", async () => {
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect((await fetch(`${h.url}/nope`)).status).toBe(404);
  });
});

const scrape = () => fetch(`${h.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });

describe("metrics", () => {
  it("answers only with the bearer token, and not at all without one configured", async () => {
    expect((await fetch(`${h.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${h.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(401);
    expect((await fetch(`${h.url}/metrics`, { headers: { authorization: METRICS_TOKEN } })).status).toBe(401);
    expect((await scrape()).status).toBe(200);
    const open = await startHarness(inject("databaseUrl"));
    try {
      expect((await fetch(`${open.url}/metrics`)).status).toBe(404);
    } finally {
      await open.close();
    }
  });

  it("counts sockets, rooms, participants, events, handler latency and errors", async () => {
    const before = await (await scrape()).text();
    const meeting = await h.createMeeting();
    const { client } = await h.joined(meeting.id, meeting.host);
    await h.joined(meeting.id, h.guest());
    await request(client, "hand:raise", {});
    await rawRequest(client, "chat:send", { body: 42 });

    const response = await scrape();
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(sample(text, "signaling_connected_sockets")).toBe(2);
    expect(sample(text, "signaling_participants")).toBe(2);
    expect(sample(text, "signaling_rooms")).toBeGreaterThanOrEqual(1);
    const delta = (line: string) => sample(text, line) - sample(before, line);
    expect(delta('signaling_events_total{event="room:join"}')).toBe(2);
    expect(delta('signaling_events_total{event="hand:raise"}')).toBe(1);
    expect(delta('signaling_errors_total{code="invalid_payload"}')).toBe(1);
    expect(delta('signaling_handler_duration_seconds_count{event="room:join"}')).toBe(2);
    expect(text).toContain('signaling_handler_duration_seconds_bucket{le="0.05",event="room:join"}');
  });
});

describe("WebSocket origin", () => {
  it("refuses upgrades from origins that are not allowed, accepts the allowed one and non-browser clients", async () => {
    await expect(h.connect({ headers: { origin: "https://evil.example" } })).rejects.toThrow();
    await expect(h.connect({ headers: { origin: "https://meet.example.evil.example" } })).rejects.toThrow();
    await expect(h.connect({ headers: { origin: "null" } })).rejects.toThrow();
    const allowed = await h.connect({ headers: { origin: "https://meet.example" } });
    expect(allowed.connected).toBe(true);
    // No Origin: not a browser (which always sends one on an upgrade); the join token still decides.
    const tool = await h.connect();
    expect(tool.connected).toBe(true);
  });

  it("refuses a raw WebSocket upgrade from a foreign origin before socket.io answers", async () => {
    const url = `${h.url.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`;
    const opened = (origin: string) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(url, { headers: { origin } });
        socket.once("open", () => {
          socket.close();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
      });
    expect(await opened("https://evil.example")).toBe(false);
    expect(await opened("https://meet.example")).toBe(true);
  });
});

describe("graceful shutdown, single node", () => {
  it("stops accepting and tells connected clients the server let go", async () => {
    const node = await startHarness(inject("databaseUrl"));
    try {
      const meeting = await node.createMeeting();
      const { client } = await node.joined(meeting.id, meeting.host);
      const reason = new Promise((resolve) => client.once("disconnect", resolve));
      const closed = node.server.close();
      expect(await reason).toBe("io server disconnect");
      await closed;
      await expect(node.connect()).rejects.toThrow();
      // Alone, the room ends with the process: attendance is closed, clients join afresh when it is back.
      await expect
        .poll(async () => (await node.db.participants.listForMeeting(meeting.id)).every((p) => p.leftAt !== null))
        .toBe(true);
    } finally {
      await node.close();
    }
  });
});
