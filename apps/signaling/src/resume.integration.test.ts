import { PROTOCOL_VERSION } from "@parley/protocol";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { nextEvent, request, startHarness, type Harness } from "./testing/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject("databaseUrl"), { reconnectGraceMs: 5000 });
});
afterAll(() => h.close());

describe("resume after a drop (e.g. a freshly restarted node whose database client is still cold)", () => {
  it("answers from the room without waiting for the database, and sends the chat history after the answer", async () => {
    const meeting = await h.createMeeting();
    const { client: first, joined } = await h.joined(meeting.id, meeting.host);
    const sent = await request(first, "chat:send", { body: "said before the drop" });
    if (!sent.ok) throw new Error("chat failed");
    first.disconnect();

    // The database is cold: meeting reads never answer, history takes a while.
    const { meetings, chat } = h.db;
    const findById = meetings.findById;
    const history = chat.history;
    let meetingReads = 0;
    meetings.findById = (() => {
      meetingReads++;
      return new Promise(() => undefined);
    }) as typeof findById;
    chat.history = (async (...args: Parameters<typeof history>) => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return history.apply(chat, args);
    }) as typeof history;
    try {
      const client = await h.connect();
      const late = nextEvent(client, "chat:message");
      const started = performance.now();
      const ack = await request(client, "room:join", {
        token: await h.token(meeting.id, meeting.host),
        meetingId: meeting.id,
        protocolVersion: PROTOCOL_VERSION,
        media: { audioMuted: false, videoMuted: false },
        resume: { participantId: joined.self.id, resumeToken: joined.resumeToken },
      });
      const answeredAfter = performance.now() - started;
      expect(ack).toMatchObject({ ok: true, data: { status: "joined", resumed: true, chatHistory: [] } });
      expect(answeredAfter).toBeLessThan(500);
      expect(meetingReads).toBe(0);
      // What the answer left out follows on its own.
      expect(await late).toMatchObject({ id: sent.data.id, body: "said before the drop" });
    } finally {
      meetings.findById = findById;
      chat.history = history;
    }
  });
});
