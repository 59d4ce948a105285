import type { NetworkNamespace } from "./namespace";

/** Flags for Debian's Chromium in tests: fake devices, no background traffic, no QUIC. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
] as const;

export interface ChromiumOptions {
  /** Run Chromium inside this namespace (Playwright drives it over its CDP pipe, which crosses namespaces). */
  namespace?: NetworkNamespace;
  executablePath?: string;
  extraArgs?: string[];
}

/** Playwright `chromium.launch` options for Debian's Chromium, optionally inside a namespace. */
export async function launchChromium(options: ChromiumOptions = {}): Promise<{ executablePath: string; args: string[] }> {
  const executable = options.executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const executablePath = options.namespace ? await options.namespace.wrapExecutable(executable) : executable;
  return { executablePath, args: [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])] };
}
