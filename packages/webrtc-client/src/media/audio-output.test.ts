import { describe, expect, it } from "vitest";
import { isCallError } from "../errors";
import { canRequestAudioOutput, requestAudioOutput } from "./audio-output";

const dom = (name: string) => Object.assign(new Error(name), { name });
const speaker = { deviceId: "spk-1", kind: "audiooutput", label: "Headphones", groupId: "g" } as MediaDeviceInfo;

describe("requestAudioOutput", () => {
  it("offers the prompt only where the browser has one (Firefox's selectAudioOutput)", () => {
    expect(canRequestAudioOutput({ selectAudioOutput: async () => speaker })).toBe(true);
    expect(canRequestAudioOutput({})).toBe(false);
    expect(canRequestAudioOutput(null)).toBe(false);
  });

  it("returns the speaker the user chose, asking with the previous choice", async () => {
    const asked: unknown[] = [];
    const devices = { selectAudioOutput: async (options?: { deviceId?: string }) => (asked.push(options), speaker) };
    await expect(requestAudioOutput({ devices, deviceId: "spk-0" })).resolves.toBe(speaker);
    await expect(requestAudioOutput({ devices })).resolves.toBe(speaker);
    expect(asked).toEqual([{ deviceId: "spk-0" }, {}]);
  });

  it.each([
    ["NotFoundError", "no_device"],
    ["NotAllowedError", "permission_denied"],
    ["InvalidStateError", "invalid_state"],
    ["AbortError", "media_aborted"],
    ["WeirdError", "media_failed"],
  ] as const)("a prompt rejecting with %s becomes a CallError %s with words and the cause", async (name, code) => {
    const error: unknown = await requestAudioOutput({ devices: { selectAudioOutput: () => Promise.reject(dom(name)) } }).catch((e: unknown) => e);
    expect(isCallError(error) && error.code).toBe(code);
    expect(isCallError(error) && error.message.length > 10).toBe(true);
    expect(isCallError(error) && error.cause).toMatchObject({ name });
  });

  it("is a clear unsupported error where the browser has no prompt", async () => {
    const error: unknown = await requestAudioOutput({ devices: {} }).catch((e: unknown) => e);
    expect(isCallError(error) && error.code).toBe("unsupported");
  });
});
