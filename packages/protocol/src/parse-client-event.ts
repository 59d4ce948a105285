import type { z } from "zod";
import type { ProtocolError } from "./errors";
import { clientEventSchemas, type ClientEventName, type ParsedClientEventPayload } from "./events";

export type ClientEventParse<E extends ClientEventName> =
  | { success: true; data: ParsedClientEventPayload<E> }
  | { success: false; error: ProtocolError };

/**
 * Parses the payload of a client event as the signaling service does before any handler runs (test fakes use it
 * too, so they refuse what the server refuses). Oversized fields get their own code so clients can tell "too
 * long" from "wrong".
 */
export function parseClientEventPayload<E extends ClientEventName>(event: E, payload: unknown): ClientEventParse<E> {
  // NOTE: zod cannot relate the generic E to its schema's output; the schema map guarantees it.
  const parsed = (clientEventSchemas[event] as z.ZodType).safeParse(payload);
  if (parsed.success) return { success: true, data: parsed.data as ParsedClientEventPayload<E> };
  const tooBig = parsed.error.issues.some((issue) => issue.code === "too_big");
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  const detail = first ? `${where}${first.message}` : "malformed";
  return {
    success: false,
    error: tooBig
      ? { code: "payload_too_large", message: `Payload too large (${detail}).` }
      : { code: "invalid_payload", message: `Invalid payload (${detail}).` },
  };
}
