/**
 * The client address for rate limiting. `X-Forwarded-For` is "client, proxy1, proxy2": the rightmost entry is
 * the one our own reverse proxy appended (or Next's server filled in from the socket when there is no proxy), so
 * it is the one a client cannot choose; entries further left are whatever the client sent.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? headers.get("x-real-ip") ?? "unknown";
}
