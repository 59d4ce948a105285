// POST /internal/meetings/end: the web app's administrators end a meeting for everyone, as a host's host:end does.
// Not for browsers: the shipped proxies forward only /socket.io/ to signaling, and the request must carry a
// short-lived admin token (HS256 with JOIN_TOKEN_SECRET, audience "parley-signaling-admin") bound to the meeting.
import type { IncomingMessage, ServerResponse } from "node:http";
import { verifyAdminToken } from "@parley/join-auth";
import {
  ADMIN_END_MEETING_PATH,
  ADMIN_REQUEST_MAX_BYTES,
  adminEndMeetingRequestSchema,
  type AdminEndMeetingAnswer,
} from "@parley/protocol";
import type { ServerContext } from "../context";
import { releaseEndedRoom } from "../rooms/ending";

type Refusal = { status: number; error: string };

/** Handles the request when it is for this endpoint (and returns true); leaves every other request alone. */
export function createAdminEndMeetingEndpoint(ctx: ServerContext) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    if ((request.url ?? "").split("?")[0] !== ADMIN_END_MEETING_PATH) return false;
    void handle(ctx, request).then(
      (answer) => send(response, 200, answer),
      (error: unknown) => {
        const refusal = isRefusal(error) ? error : { status: 500, error: "internal" };
        if (refusal.status === 500) ctx.logger.error({ err: error }, "admin end-meeting failed");
        else ctx.logger.warn({ status: refusal.status, error: refusal.error }, "admin end-meeting refused");
        send(response, refusal.status, { error: refusal.error });
      },
    );
    return true;
  };
}

async function handle(ctx: ServerContext, request: IncomingMessage): Promise<AdminEndMeetingAnswer> {
  if (request.method !== "POST") throw refusal(405, "method_not_allowed");
  const token = /^Bearer ([\w.-]{1,2048})$/.exec(request.headers.authorization ?? "")?.[1];
  if (!token) throw refusal(401, "unauthorized");
  const body = adminEndMeetingRequestSchema.safeParse(await readJson(request));
  if (!body.success) throw refusal(400, "invalid_payload");
  const claims = await verifyAdminToken(token, ctx.joinTokenSecret, ctx.clock.now());
  if (!claims || claims.meetingId !== body.data.meetingId) throw refusal(401, "unauthorized");
  const ended = await endMeeting(ctx, body.data.meetingId);
  ctx.logger.info({ meetingId: body.data.meetingId, by: claims.sub, ended }, "meeting ended by an administrator");
  return { ended };
}

/** What host:end does, without a host: ended first (older guest tokens stay out), then everyone is let go. */
async function endMeeting(ctx: ServerContext, meetingId: string): Promise<boolean> {
  const now = ctx.clock.now();
  await ctx.rooms.markEnded(meetingId, now.getTime());
  const ended = await ctx.rooms.update(meetingId, (stored) => ({ room: undefined, result: stored, unchanged: stored === undefined }));
  if (!ended) return false;
  releaseEndedRoom(ctx, meetingId, ended, "ended_by_admin", now, { userId: null, name: "An administrator" });
  return true;
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= ADMIN_REQUEST_MAX_BYTES) return void chunks.push(chunk);
      // Stop keeping it, but drain the rest so the client reads the answer instead of a reset connection.
      request.off("data", onData);
      request.resume();
      reject(refusal(413, "payload_too_large"));
    };
    request.on("data", onData);
    request.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(refusal(400, "invalid_payload"));
      }
    });
    request.on("error", reject);
  });
}

const refusal = (status: number, error: string): Refusal => ({ status, error });
const isRefusal = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && "status" in value && "error" in value && typeof (value as Refusal).status === "number";

function send(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}
