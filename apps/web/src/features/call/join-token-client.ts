"use client";

export type JoinGrant = { token: string; signalingUrl: string; name: string; role: "host" | "guest"; meetingId: string };

/** Fetches a fresh join token from the web app (also on every reconnect: tokens live minutes, calls hours). */
export async function requestJoinToken(slug: string, name: string | undefined): Promise<JoinGrant> {
  const response = await fetch(`/api/m/${slug}/join-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(name ? { name } : {}),
  });
  const body = (await response.json().catch(() => null)) as (JoinGrant & { error?: { message: string } }) | null;
  if (!response.ok || !body || body.error) throw new Error(body?.error?.message ?? "Could not join. Try again.");
  return body;
}
