import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

describe("logger", () => {
  it("writes JSON lines with ids and never the tokens or secrets that may sit next to them", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger("info", sink);
    logger.info(
      {
        meetingId: "m-1",
        participantId: "p-1",
        token: "eyJhbGciOi.join.token",
        payload: { token: "eyJ.nested.token", passcode: "1234", resume: { resumeToken: "resume-secret" } },
        ice: { credential: "turn-credential" },
        req: { headers: { authorization: "Bearer abc", cookie: "session=xyz" } },
      },
      "joined",
    );
    const line = lines.join("");
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({ meetingId: "m-1", participantId: "p-1", msg: "joined", name: "signaling" });
    for (const secret of ["eyJhbGciOi.join.token", "eyJ.nested.token", "1234", "resume-secret", "turn-credential", "Bearer abc", "session=xyz"]) {
      expect(line).not.toContain(secret);
    }
  });
});
