import { describe, expect, it } from "vitest";
import { mediaError } from "./media-errors";

const dom = (name: string) => Object.assign(new Error(name), { name });

describe("mediaError", () => {
  it.each([
    ["NotAllowedError", "camera", "permission_denied"],
    ["PermissionDeniedError", "microphone", "permission_denied"],
    ["NotFoundError", "camera", "no_device"],
    ["DevicesNotFoundError", "microphone", "no_device"],
    ["NotReadableError", "camera", "device_in_use"],
    ["TrackStartError", "camera", "device_in_use"],
    ["OverconstrainedError", "camera", "constraints_unsatisfiable"],
    ["AbortError", "microphone", "media_aborted"],
    ["NotAllowedError", "screen", "share_cancelled"],
    ["WeirdError", "camera", "media_failed"],
  ] as const)("%s on %s → %s", (name, source, code) => {
    const error = mediaError(dom(name), source);
    expect(error.code).toBe(code);
    expect(error.cause).toMatchObject({ name });
    expect(error.message.length).toBeGreaterThan(0);
  });
});
