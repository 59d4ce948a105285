/** Whether this browser can route a media element's audio to a chosen speaker (setSinkId). */
export function supportsAudioOutputSelection(element?: HTMLMediaElement): boolean {
  if (element) return typeof (element as HTMLMediaElement & { setSinkId?: unknown }).setSinkId === "function";
  return typeof HTMLMediaElement !== "undefined" && "setSinkId" in HTMLMediaElement.prototype;
}

/**
 * Play `element` on the speaker `deviceId` ("" = system default). Returns false where the browser
 * cannot choose the output (e.g. older Safari/Firefox); audio then plays on the default device.
 */
export async function setAudioOutput(element: HTMLMediaElement, deviceId: string): Promise<boolean> {
  const withSink = element as HTMLMediaElement & { setSinkId?: (id: string) => Promise<void> };
  if (typeof withSink.setSinkId !== "function") return false;
  await withSink.setSinkId(deviceId);
  return true;
}
