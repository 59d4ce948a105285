"use client";

import { setNonce } from "get-nonce";

/**
 * Dialogs and menus (Radix) lock page scrolling with a <style> element they add at run time; under our
 * Content-Security-Policy (`style-src 'self' 'nonce-…'`) it applies only with this page's nonce, which those
 * libraries take from get-nonce. Renders nothing.
 */
export function StyleNonce({ nonce }: { nonce: string | undefined }) {
  if (nonce && typeof window !== "undefined") setNonce(nonce);
  return null;
}
