/** One satisfiable byte range, both ends inclusive (as Content-Range spells it). */
export type ByteRange = { start: number; end: number };

/**
 * Reads an HTTP `Range` header against a file of `size` bytes (RFC 9110 §14).
 * - `null`: no range to honour (absent, another unit, or several ranges: we answer 200 with the whole file, which
 *   the RFC allows and every player copes with);
 * - `"unsatisfiable"`: a bytes range we refuse (malformed, past the end, or an empty file): 416;
 * - otherwise the one range to send as 206.
 */
export function parseByteRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  if (header === null) return null;
  const value = header.trim();
  const unit = /^([A-Za-z]+)=/.exec(value);
  if (!unit || unit[1]!.toLowerCase() !== "bytes") return null;
  const spec = value.slice(unit[0].length).trim();
  if (spec.includes(",")) return null;
  const match = /^(\d{0,15})-(\d{0,15})$/.exec(spec);
  if (!match) return "unsatisfiable";
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return "unsatisfiable";
  if (size === 0) return "unsatisfiable";
  if (first === "") {
    // bytes=-N: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== "" && Number(last) < start)) return "unsatisfiable";
  return { start, end };
}
