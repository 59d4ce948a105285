/** Body limits of the web's API routes, in bytes: generous for what each form sends, far below anything harmful. */
export const BODY_LIMITS = {
  /** better-auth: sign-up is name (80) + email (254) + password (128) + time zone. */
  auth: 16 * 1024,
  /** join-token: `{ name }`. */
  joinToken: 4 * 1024,
  /** Anything else reaching the app with a body (checked on the declared length in the proxy). */
  any: 1024 * 1024,
} as const;

export type BoundedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false };

/**
 * Reads a request body, stopping as soon as it passes `maxBytes` (a declared Content-Length over the limit is
 * refused before reading anything), so a 20 MB body costs at most `maxBytes` of memory.
 */
export async function readBoundedBody(request: Request, maxBytes: number): Promise<BoundedBody> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return { ok: false };
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** A bounded JSON body: `undefined` when empty, `null` when not JSON, "too_large" over the limit. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const body = await readBoundedBody(request, maxBytes);
  if (!body.ok) return TOO_LARGE;
  if (body.bytes.byteLength === 0) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(body.bytes)) as unknown;
  } catch {
    return null;
  }
}

export const TOO_LARGE: unique symbol = Symbol("body too large");

/** The typed 413 every route answers with. */
export function payloadTooLarge(maxBytes: number): Response {
  return Response.json(
    { error: { code: "payload_too_large", message: `The request is too large (at most ${Math.round(maxBytes / 1024)} KB).` } },
    { status: 413 },
  );
}
