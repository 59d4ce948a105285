import type { TrackSource } from "@parley/protocol";
import { CallError, type CallErrorCode } from "../errors";

const LABEL: Record<TrackSource, string> = { microphone: "microphone", camera: "camera", screen: "screen" };

/** DOMException names (current and legacy Chrome/Firefox spellings) → our codes. */
const CODE_BY_NAME: Record<string, CallErrorCode> = {
  NotAllowedError: "permission_denied",
  PermissionDeniedError: "permission_denied",
  SecurityError: "permission_denied",
  NotFoundError: "no_device",
  DevicesNotFoundError: "no_device",
  NotReadableError: "device_in_use",
  TrackStartError: "device_in_use",
  OverconstrainedError: "constraints_unsatisfiable",
  ConstraintNotSatisfiedError: "constraints_unsatisfiable",
  AbortError: "media_aborted",
  NotSupportedError: "unsupported",
  TypeError: "unsupported",
};

/** Turn whatever getUserMedia/getDisplayMedia threw into a `CallError` with a clear, typed code. */
export function mediaError(cause: unknown, source: TrackSource): CallError {
  if (cause instanceof CallError) return cause;
  const name = typeof cause === "object" && cause !== null && "name" in cause ? String(cause.name) : "";
  let code = CODE_BY_NAME[name] ?? "media_failed";
  // NOTE: browsers report a dismissed screen picker as NotAllowedError; that is a user choice, not a denied permission.
  if (source === "screen" && code === "permission_denied") code = "share_cancelled";
  return new CallError(code, messageFor(code, source), cause);
}

function messageFor(code: CallErrorCode, source: TrackSource): string {
  const what = LABEL[source];
  switch (code) {
    case "permission_denied":
      return `Access to the ${what} was denied. Allow it in the browser's site settings and try again.`;
    case "share_cancelled":
      return "Screen sharing was cancelled.";
    case "no_device":
      return `No ${what} was found.`;
    case "device_in_use":
      return `The ${what} is in use by another application or could not be started.`;
    case "constraints_unsatisfiable":
      return `The selected ${what} is not available.`;
    case "media_aborted":
      return `Starting the ${what} was interrupted.`;
    case "unsupported":
      return `This browser cannot capture the ${what} here (a secure https:// page is required).`;
    default:
      return `The ${what} could not be started.`;
  }
}
