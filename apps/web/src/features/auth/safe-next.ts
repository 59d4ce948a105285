/**
 * Where to go after signing in: only a path on this site. Resolving against our origin and comparing origins
 * catches the tricks a prefix check misses ("//evil", "/\evil", "/<tab>/evil" all leave the site).
 */
export function safeNext(next: string | null, origin: string): string {
  if (!next) return "/dashboard";
  try {
    const target = new URL(next, origin);
    return target.origin === origin ? `${target.pathname}${target.search}${target.hash}` : "/dashboard";
  } catch {
    return "/dashboard";
  }
}
