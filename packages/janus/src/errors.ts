/**
 * Typed SFU errors. `code` is one of the protocol error codes proposed for the SFU (see SFU_ERROR_CODES); the lead
 * adds them to @parley/protocol's ERROR_CODES, and the handlers turn an SfuError into an ack with that code.
 * `janusCode`/`reason` are for logs only: clients never see Janus' wording.
 */
export const SFU_ERROR_CODES = [
  /** No healthy Janus node, or the node went away mid-request. */
  "sfu_unavailable",
  /** Janus did not answer in time. */
  "sfu_timeout",
  /** The browser's SDP was refused (bad JSEP, unsupported codecs, wrong type). */
  "sfu_negotiation_failed",
  /** The media room does not exist (any more) on the node: recreate / re-publish. */
  "sfu_room_not_found",
  /** The request is not valid in the handle's state (publish twice, start before join, unknown feed...). */
  "sfu_invalid_state",
  /** Janus refused our credentials (api secret, admin key, room secret): a deployment error. */
  "sfu_unauthorized",
  /** The room reached its publisher limit. */
  "sfu_room_full",
  /** Anything else Janus reported. */
  "sfu_internal",
] as const;
export type SfuErrorCode = (typeof SFU_ERROR_CODES)[number];

export class SfuError extends Error {
  readonly code: SfuErrorCode;
  /** Janus' numeric error code (core API 4xx or VideoRoom 42x-43x), when the error came from Janus. */
  readonly janusCode: number | undefined;

  constructor(code: SfuErrorCode, message: string, options?: { janusCode?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SfuError";
    this.code = code;
    this.janusCode = options?.janusCode;
  }

  static timeout(what: string): SfuError {
    return new SfuError("sfu_timeout", `Janus did not answer ${what} in time`);
  }
  static disconnected(reason = "connection to Janus lost"): SfuError {
    return new SfuError("sfu_unavailable", reason);
  }
  static closed(what: string): SfuError {
    return new SfuError("sfu_invalid_state", `${what} is closed`);
  }
  static noHealthyNode(): SfuError {
    return new SfuError("sfu_unavailable", "no healthy Janus node");
  }
  static unexpected(what: string, cause?: unknown): SfuError {
    return new SfuError("sfu_internal", `unexpected Janus reply to ${what}`, { cause });
  }
  /** From a Janus error (`{ code, reason }` of the core API or `{ error_code, error }` of a plugin). */
  static fromJanus(janusCode: number, reason: string): SfuError {
    return new SfuError(codeForJanusError(janusCode), `janus ${janusCode}: ${reason}`, { janusCode });
  }
}

/** Janus core API error codes (janus/apierror.h) and VideoRoom error codes (plugins/janus_videoroom.c). */
export const JANUS_ERROR = {
  unauthorized: 403,
  unauthorizedPlugin: 405,
  sessionNotFound: 458,
  handleNotFound: 459,
  pluginNotFound: 460,
  jsepUnknownType: 464,
  jsepInvalidSdp: 465,
  webrtcState: 471,
  notAcceptingSessions: 472,
  videoroom: {
    invalidRequest: 423,
    joinFirst: 424,
    alreadyJoined: 425,
    noSuchRoom: 426,
    roomExists: 427,
    noSuchFeed: 428,
    missingElement: 429,
    invalidElement: 430,
    invalidSdpType: 431,
    publishersFull: 432,
    unauthorized: 433,
    alreadyPublished: 434,
    notPublished: 435,
    idExists: 436,
    invalidSdp: 437,
  },
} as const;

function codeForJanusError(code: number): SfuErrorCode {
  const v = JANUS_ERROR.videoroom;
  switch (code) {
    case JANUS_ERROR.unauthorized:
    case JANUS_ERROR.unauthorizedPlugin:
    case v.unauthorized:
      return "sfu_unauthorized";
    case JANUS_ERROR.sessionNotFound:
    case JANUS_ERROR.handleNotFound:
    case JANUS_ERROR.pluginNotFound:
    case JANUS_ERROR.notAcceptingSessions:
      return "sfu_unavailable";
    case JANUS_ERROR.jsepUnknownType:
    case JANUS_ERROR.jsepInvalidSdp:
    case v.invalidSdpType:
    case v.invalidSdp:
      return "sfu_negotiation_failed";
    case v.noSuchRoom:
      return "sfu_room_not_found";
    case v.publishersFull:
      return "sfu_room_full";
    case JANUS_ERROR.webrtcState:
    case v.joinFirst:
    case v.alreadyJoined:
    case v.roomExists:
    case v.noSuchFeed:
    case v.alreadyPublished:
    case v.notPublished:
    case v.idExists:
      return "sfu_invalid_state";
    default:
      return "sfu_internal";
  }
}
