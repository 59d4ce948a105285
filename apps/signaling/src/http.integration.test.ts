import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { rawRequest, request, startHarness, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"));
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

describe("metrics", () => {
  it("counts sockets, rooms, participants, events, handler latency and errors", async () => {
    const before = await (await fetch(`${h.url}/metrics`)).text();
    const meeting = await h.createMeeting();
    const { client } = await h.joined(meeting.id, meeting.host);
    await h.joined(meeting.id, h.guest());
    await request(client, "hand:raise", {});
    await rawRequest(client, "chat:send", { body: 42 });

    const response = await fetch(`${h.url}/metrics`);
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
