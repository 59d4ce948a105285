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
    return Response.json({ error: { code: "rate_limited", message: "Too many attempts. Wait a minute." } }, { status: 429 });
  }
  const { slug } = await props.params;
  const body = await readJsonBody(request, BODY_LIMITS.joinToken);
  if (body === TOO_LARGE) return payloadTooLarge(BODY_LIMITS.joinToken);
  const user = await currentUser();
  const jar = await cookies();
  const guest = user ? null : guestIdFrom(jar.get(GUEST_COOKIE)?.value);
  const config = env();
  const result = await grantJoin(
    { db: db(), secret: config.JOIN_TOKEN_SECRET, ttlSeconds: config.JOIN_TOKEN_TTL_SECONDS },
    slug,
    user ? { kind: "user", id: user.id, name: user.name } : { kind: "guest", id: guest!.id },
    body,
  );
  if (!result.ok) {
    const { status, code, message } = result.refusal;
    return Response.json({ error: { code, message } }, { status });
  }
  if (guest?.isNew) {
    jar.set(GUEST_COOKIE, guest.id, {
      httpOnly: true,
      sameSite: "lax",
      secure: config.PUBLIC_URL.startsWith("https://"),
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
  }
  return Response.json({ ...result.grant, signalingUrl: config.SIGNALING_PUBLIC_URL }, { headers: { "cache-control": "no-store" } });
}
