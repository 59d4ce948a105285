import type { NetworkNamespace } from "./namespace";
import { CHROMIUM_TEST_FLAGS } from "@parley/test-support";

/** The shared test flags, minus loopback ICE: Janus' ICE sits on the namespace's own interface instead. */
export const CHROMIUM_FLAGS = CHROMIUM_TEST_FLAGS.filter((flag) => flag !== "--allow-loopback-in-peer-connection");

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
