import type { JoinGrant, JoinTokenRefusal } from "@parley/protocol";
import { cookies } from "next/headers";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { env } from "@/env";
import { clientIp } from "@/server/client-ip";
import { GUEST_COOKIE, guestIdFrom } from "@/features/join/guest-identity";
import { grantJoin } from "@/features/join/join-service";
import { db } from "@/server/db";
import { BODY_LIMITS, payloadTooLarge, readJsonBody, TOO_LARGE } from "@/server/request-body";
import { currentUser } from "@/server/session";

export const dynamic = "force-dynamic";

const limiter = new RateLimiterMemory({ points: 30, duration: 60 });

/** POST { name? } → a join token for /m/<slug> plus where the signaling service lives (runtime config). */
export async function POST(request: Request, props: { params: Promise<{ slug: string }> }) {
  try {
    await limiter.consume(clientIp(request.headers));
  } catch {
    const refusal: JoinTokenRefusal = { error: { code: "rate_limited", message: "Too many attempts. Wait a minute." } };
    return Response.json(refusal, { status: 429 });
  }
  const { slug } = await props.params;
  const body = await readJsonBody(request, BODY_LIMITS.joinToken);
  if (body === TOO_LARGE) return payloadTooLarge(BODY_LIMITS.joinToken);
  const user = await currentUser();
  const jar = await cookies();
  // NOTE: signed-in users get the browser's guest id too: a removed account that signs out and comes back as a
  // guest from the same browser is still recognised (and refused) by signaling.
  const guest = guestIdFrom(jar.get(GUEST_COOKIE)?.value);
  const config = env();
  const result = await grantJoin(
    { db: db(), secret: config.JOIN_TOKEN_SECRET, ttlSeconds: config.JOIN_TOKEN_TTL_SECONDS, signalingUrl: config.SIGNALING_PUBLIC_URL },
    slug,
    user ? { kind: "user", id: user.id, name: user.name, browser: guest.id } : { kind: "guest", id: guest.id, browser: guest.id },
    body,
  );
  if (!result.ok) {
    const { status, code, message } = result.refusal;
    const refusal: JoinTokenRefusal = { error: { code, message } };
    return Response.json(refusal, { status });
  }
  if (guest.isNew) {
    jar.set(GUEST_COOKIE, guest.id, {
      httpOnly: true,
      sameSite: "lax",
      secure: config.PUBLIC_URL.startsWith("https://"),
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
  }
  const grant: JoinGrant = result.grant;
  return Response.json(grant, { headers: { "cache-control": "no-store" } });
}
