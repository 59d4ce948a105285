const FALLBACK = "/dashboard";

/**
 * Where to go after signing in: only a path on this site. Resolving against our origin and comparing origins
 * catches the tricks a prefix check misses ("//evil", "/\evil", "/<tab>/evil" all leave the site). The result is
 * a path we hand to the router, which resolves it again: "/.//evil.example" resolves to the path "//evil.example",
 * which the second resolution reads as another host. So the path must itself resolve to our origin, and may not
 * start with two slashes (or backslashes, which browsers treat as slashes).
 */
export function safeNext(next: string | null, origin: string): string {
  if (!next) return FALLBACK;
  try {
    const target = new URL(next, origin);
    if (target.origin !== origin) return FALLBACK;
    const path = `${target.pathname}${target.search}${target.hash}`;
    // NOTE: checked once more decoded ("/.%2f/evil" is "/.//evil" to anything that decodes before resolving).
    return leavesSite(path, origin) || leavesSite(decodeURIComponent(target.pathname), origin) ? FALLBACK : path;
  } catch {
    return FALLBACK;
  }
}

function leavesSite(path: string, origin: string): boolean {
  if (!path.startsWith("/") || /^[/\\]{2}/.test(path)) return true;
  const resolved = new URL(path, origin);
  return resolved.origin !== origin || /^[/\\]{2}/.test(resolved.pathname);
}
