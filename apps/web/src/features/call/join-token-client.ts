"use client";
import { joinGrantSchema, joinTokenRefusalSchema, type JoinGrant, type JoinTokenErrorCode } from "@parley/protocol";

/** A join token request that failed: the web app's refusal code, or `bad_answer` when the answer was unreadable. */
export class JoinTokenRequestError extends Error {
  override readonly name = "JoinTokenRequestError";

  constructor(
    readonly code: JoinTokenErrorCode | "bad_answer",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Reads the answer of `POST /api/m/<slug>/join-token`: the grant, or a typed error (never an unchecked cast). */
export function readJoinTokenAnswer(ok: boolean, body: unknown): JoinGrant {
  if (!ok) {
    const refusal = joinTokenRefusalSchema.safeParse(body);
    if (refusal.success) throw new JoinTokenRequestError(refusal.data.error.code, refusal.data.error.message);
    throw new JoinTokenRequestError("bad_answer", "Could not join. Try again.", { cause: refusal.error });
  }
  const grant = joinGrantSchema.safeParse(body);
  if (!grant.success) throw new JoinTokenRequestError("bad_answer", "Could not join. Try again.", { cause: grant.error });
  return grant.data;
}

/** Fetches a fresh join token from the web app (also on every reconnect: tokens live minutes, calls hours). */
export async function requestJoinToken(slug: string, name: string | undefined): Promise<JoinGrant> {
  const response = await fetch(`/api/m/${slug}/join-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(name ? { name } : {}),
  });
  const body: unknown = await response.json().catch(() => null);
  return readJoinTokenAnswer(response.ok, body);
}
