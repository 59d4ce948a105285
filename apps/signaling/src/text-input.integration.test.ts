import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nextEvent, recordEvents, request, sleep, startHarness, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"));
});
afterAll(() => h.close());

// Issue #14, finding 2: control characters used to reach Postgres (error 22021) and came back as `internal`.
describe("control characters in what people type", () => {
  it("answers chat:send with a NUL as invalid_payload, stores nothing and sends nothing", async () => {
    const meeting = await h.createMeeting();
    const host = await h.joined(meeting.id, meeting.host);
    const guest = await h.joined(meeting.id, h.guest());
    const seen = recordEvents(guest.client);

    for (const body of ["a\u0000b", "bell\u0007", "c1\u009B[31m"]) {
      expect(await request(host.client, "chat:send", { body })).toMatchObject({ ok: false, error: { code: "invalid_payload" } });
    }
    await sleep(100);
    expect(seen.filter((e) => e.event === "chat:message")).toEqual([]);
    expect(await h.db.chat.history(meeting.id)).toEqual([]);

    // Newlines are text, not control: the same sockets still chat.
    const next = nextEvent(guest.client, "chat:message");
    expect(await request(host.client, "chat:send", { body: "line 1\r\nline 2" })).toMatchObject({ ok: true, data: { body: "line 1\nline 2" } });
    expect((await next).body).toBe("line 1\nline 2");
  });

  it("refuses a join token whose name carries a NUL or a bidi override, so it never reaches attendance", async () => {
    const meeting = await h.createMeeting();
    for (const name of ["Ada\u0000", "Alice (Host)\u202E", "x".repeat(81)]) {
      const { ack } = await h.join(meeting.id, h.guest(name));
      expect(ack).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    }
    expect(await h.db.participants.listForMeeting(meeting.id)).toEqual([]);
  });
});
