import { z } from "zod";

/** Every error the signaling service can answer with. Closed set: clients switch on `code`, never on `message`. */
export const ERROR_CODES = [
  "invalid_payload",
  "unknown_event",
  "unauthorized",
  "token_expired",
  "forbidden",
  "not_found",
  "not_in_room",
  "already_joined",
  "peer_unavailable",
  "incompatible",
  "room_full",
  "room_locked",
  "passcode_required",
  "passcode_invalid",
  "rate_limited",
  "payload_too_large",
  "meeting_ended",
  "meeting_cancelled",
  /** The media server (SFU) is unreachable or lost the session: publish again, or wait. */
  "sfu_unavailable",
  /** The media server refused a description (bad SDP, wrong state). */
  "sfu_negotiation_failed",
  /** `recording:start` while the meeting is already being recorded. */
  "recording_active",
  /** `recording:stop` while nothing is being recorded. */
  "not_recording",
  /** Recording needs the media server (SFU), and none is configured. */
  "recording_unavailable",
  "internal",
] as const;

export const errorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** A sanitized, client-facing error. The server logs the detail; `message` is safe to show. */
export const protocolErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string().max(500),
});
export type ProtocolError = z.infer<typeof protocolErrorSchema>;

/** Acknowledgement of every request event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ProtocolError };
/** The callback a client passes as the last argument of a request event. */
export type AckCallback<T> = (ack: Ack<T>) => void;

/** Build the zod schema of `Ack<T>` (clients may validate what the server answered). */
export function ackSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("ok", [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: protocolErrorSchema }),
  ]);
}

/** Successful acknowledgement. */
export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

/** Failed acknowledgement. */
export function ackError(code: ErrorCode, message: string): Ack<never> {
  return { ok: false, error: { code, message } };
}
