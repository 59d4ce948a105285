import type { ErrorCode } from "@parley/protocol";

/** An error that reaches the client as a typed ack: `message` is shown to users, `cause` is only logged. */
export class SignalingError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SignalingError";
    this.code = code;
  }

  static invalidPayload(message = "The request is malformed."): SignalingError {
    return new SignalingError("invalid_payload", message);
  }
  static notInRoom(): SignalingError {
    return new SignalingError("not_in_room", "Join the meeting first.");
  }
  static forbidden(message = "Only a host can do that."): SignalingError {
    return new SignalingError("forbidden", message);
  }
  static notFound(message: string): SignalingError {
    return new SignalingError("not_found", message);
  }
  static recordingActive(): SignalingError {
    return new SignalingError("recording_active", "This meeting is already being recorded.");
  }
  static notRecording(): SignalingError {
    return new SignalingError("not_recording", "This meeting is not being recorded.");
  }
  static recordingUnavailable(): SignalingError {
    return new SignalingError("recording_unavailable", "Recording is not set up on this server (it needs a media server and a place to store recordings).");
  }
}
