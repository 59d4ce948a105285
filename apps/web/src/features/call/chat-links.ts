import { LinkifyIt } from "linkify-it";

/** A piece of a chat message: plain text, or a web link to render as an anchor. */
export type ChatSegment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/**
 * Only links written with http:// or https://: no bare domains ("readme.md" is a Moldovan domain), no e-mail
 * addresses, no other schemes (ftp:, mailto:, protocol-relative //host), so a link is always what its sender typed.
 */
const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false }).add("ftp:", null).add("mailto:", null).add("//", null);

const WEB_PROTOCOLS = new Set(["http:", "https:"]);

/** The web address of a recognised link, or null when it is not a well-formed http(s) URL. */
function webHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return WEB_PROTOCOLS.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits a chat message into text and http(s) links. The text is never interpreted as HTML: callers render every
 * segment as React text (or an anchor's text), so "<b>bold</b>" stays those characters.
 */
export function chatSegments(body: string): ChatSegment[] {
  const segments: ChatSegment[] = [];
  let from = 0;
  for (const match of linkify.test(body) ? (linkify.match(body) ?? []) : []) {
    const href = webHref(match.url);
    if (!href) continue;
    if (match.index > from) segments.push({ kind: "text", text: body.slice(from, match.index) });
    segments.push({ kind: "link", text: match.raw, href });
    from = match.lastIndex;
  }
  if (from < body.length) segments.push({ kind: "text", text: body.slice(from) });
  return segments;
}
