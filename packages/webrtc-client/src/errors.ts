import { ERROR_CODES, type ErrorCode, type ProtocolError } from "@parley/protocol";

/** Failures the call engine finds itself (the server's are the protocol's `ErrorCode`s). */
export const LOCAL_ERROR_CODES = [
  // media
  "permission_denied",
  "no_device",
  "device_in_use",
  "constraints_unsatisfiable",
  "media_aborted",
  "share_cancelled",
  "unsupported",
  "media_failed",
  // lifecycle / state
  "invalid_state",
  "closed",
  "invalid_argument",
  // signaling / server
  "signal_timeout",
  "signal_disconnected",
  "server_error",
  // peer connections
  "negotiation_failed",
  "ice_failed",
  /** Automatic retries keep failing to reach the media server (SFU): most likely a firewall blocks UDP/TURN. */
  "media_unreachable",
] as const;
export type LocalErrorCode = (typeof LOCAL_ERROR_CODES)[number];

/** Every failure the call engine reports carries one of these codes; UIs switch on `code`, never on `message`. Closed set. */
export type CallErrorCode = LocalErrorCode | ErrorCode;
export const CALL_ERROR_CODES: readonly CallErrorCode[] = [...LOCAL_ERROR_CODES, ...ERROR_CODES];

/** A typed error with a stable `code`, a human `message` and the underlying `cause`. */
export class CallError extends Error {
  override readonly name = "CallError";
  readonly code: CallErrorCode;
  override readonly cause: unknown;

  constructor(code: CallErrorCode, message: string, cause?: unknown) {
    super(message);
    this.code = code;
    this.cause = cause;
  }

  static invalidState(message: string): CallError {
    return new CallError("invalid_state", message);
  }

  static closed(what = "call"): CallError {
    return new CallError("closed", `The ${what} is closed`);
  }

  static invalidArgument(message: string): CallError {
    return new CallError("invalid_argument", message);
  }

  static timeout(message: string): CallError {
    return new CallError("signal_timeout", message);
  }

  static disconnected(message = "The signaling connection is down"): CallError {
    return new CallError("signal_disconnected", message);
  }

  /** An error the server sent in a negative acknowledgement (`code` is the protocol's error code). */
  static fromServer(error: ProtocolError): CallError {
    return new CallError(error.code, error.message);
  }

  static negotiation(cause: unknown): CallError {
    return new CallError("negotiation_failed", "Could not negotiate media with a participant", cause);
  }

  /** The media server can't be reached however often we try (the retries go on, slowly). */
  static mediaUnreachable(): CallError {
    return new CallError("media_unreachable", "Can't reach the media server — check your network / firewall.");
  }

  static wrap(cause: unknown, code: CallErrorCode = "media_failed"): CallError {
    if (cause instanceof CallError) return cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    return new CallError(code, message, cause);
  }
}

export function isCallError(value: unknown): value is CallError {
  return value instanceof CallError;
}
