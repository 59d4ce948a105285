import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/server/auth";
import { BODY_LIMITS, payloadTooLarge, readBoundedBody } from "@/server/request-body";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return toNextJsHandler(auth()).GET(request);
}

/** better-auth parses whatever it is given: the body is read here first, within BODY_LIMITS.auth. */
export async function POST(request: Request) {
  const body = await readBoundedBody(request, BODY_LIMITS.auth);
  if (!body.ok) return payloadTooLarge(BODY_LIMITS.auth);
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  const bounded = new Request(request.url, { method: "POST", headers, body: body.bytes, signal: request.signal });
  return toNextJsHandler(auth()).POST(bounded);
}
