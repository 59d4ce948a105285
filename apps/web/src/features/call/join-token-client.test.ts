import { describe, expect, it } from "vitest";
import { JoinTokenRequestError, readJoinTokenAnswer } from "./join-token-client";

const grant = {
  token: "header.payload.signature",
  expiresInSeconds: 120,
  meetingId: "7d9f3c1e-2b4a-4c5d-8e6f-1a2b3c4d5e6f",
  name: "Ada",
  role: "guest",
  signalingUrl: "http://localhost:4000",
};

function failure(ok: boolean, body: unknown): JoinTokenRequestError {
  try {
    readJoinTokenAnswer(ok, body);
  } catch (error) {
    if (error instanceof JoinTokenRequestError) return error;
    throw error;
  }
  throw new Error("expected a JoinTokenRequestError");
}

describe("readJoinTokenAnswer", () => {
  it("returns the parsed grant", () => {
    expect(readJoinTokenAnswer(true, grant)).toEqual(grant);
  });

  it("keeps the refusal's code and message", () => {
    const error = failure(false, { error: { code: "meeting_cancelled", message: "This meeting was cancelled." } });
    expect(error.code).toBe("meeting_cancelled");
    expect(error.message).toBe("This meeting was cancelled.");
  });

  it("turns malformed answers into a typed error instead of passing them on", () => {
    expect(failure(true, { ...grant, signalingUrl: undefined }).code).toBe("bad_answer");
    expect(failure(true, { ...grant, role: "owner" }).code).toBe("bad_answer");
    expect(failure(true, null).code).toBe("bad_answer");
    expect(failure(true, { error: { code: "not_found", message: "a refusal with status 200" } }).code).toBe("bad_answer");
    expect(failure(false, "<html>502 Bad Gateway</html>").code).toBe("bad_answer");
    expect(failure(false, { error: { code: "teapot", message: "unknown code" } }).code).toBe("bad_answer");
  });
});
