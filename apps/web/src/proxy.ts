import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { API_POLICY, newNonce, pagePolicy } from "@/server/content-security-policy";
import { BODY_LIMITS } from "@/server/request-body";

/**
 * Runs before every request except build files under `/_next/` (their headers come from next.config.ts):
 * refuses declared bodies over the global limit, and sets the Content-Security-Policy, with a fresh nonce for
 * pages. The other security headers (nosniff, Referrer-Policy, Permissions-Policy) are in next.config.ts.
 */
export function proxy(request: NextRequest) {
  if (Number(request.headers.get("content-length") ?? 0) > BODY_LIMITS.any) {
    return Response.json(
      { error: { code: "payload_too_large", message: "The request is too large." } },
      { status: 413, headers: { "content-security-policy": API_POLICY } },
    );
  }
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const response = NextResponse.next();
    response.headers.set("content-security-policy", API_POLICY);
    return response;
  }
  const config = env();
  const nonce = newNonce();
  const policy = pagePolicy({
    nonce,
    publicUrl: config.PUBLIC_URL,
    signalingUrl: config.SIGNALING_PUBLIC_URL,
    dev: config.NODE_ENV === "development",
  });
  // Next takes the nonce for its own scripts from the policy on the request.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  // The root layout hands it to the client for the <style> elements libraries add (Radix's scroll lock).
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Everything under /_next/ is a build file (scripts, styles, fonts, images): next.config.ts gives it its headers.
  matcher: ["/((?!_next/).*)"],
};
