export const RECORDING_ERROR_CODES = [
  "invalid_input",
  "no_media",
  "convert_failed",
  "compose_failed",
  "disk_full",
  "tool_missing",
  "aborted",
] as const;
export type RecordingErrorCode = (typeof RECORDING_ERROR_CODES)[number];

/** Processing a recording failed; `message` is a reason fit to show the host, `detail` (tool output) is for logs. */
export class RecordingError extends Error {
  override readonly name = "RecordingError";
  constructor(
    readonly code: RecordingErrorCode,
    message: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static diskFull(where: string, detail?: string): RecordingError {
    return new RecordingError("disk_full", `Not enough disk space to process the recording (${where}).`, detail);
  }
}

/** Tool output and errno codes that mean the disk (or the user's quota) is full. */
export function looksLikeDiskFull(text: string | undefined, errno?: string): boolean {
  return errno === "ENOSPC" || errno === "EDQUOT" || /No space left on device|Disk quota exceeded/i.test(text ?? "");
}
