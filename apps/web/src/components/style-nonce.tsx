"use client";

import { setNonce } from "get-nonce";

/** The nonce of the document as it was loaded: the only one its Content-Security-Policy accepts. */
let documentNonce: string | undefined;

/**
 * Dialogs and menus (Radix) lock page scrolling with a <style> element they add at run time; under our
 * Content-Security-Policy (`style-src 'self' 'nonce-…'`) it applies only with this page's nonce, which those
 * libraries take from get-nonce. Renders nothing.
 *
 * NOTE: the first nonce wins. A router.refresh() (the language switch) renders the layout again from a new request
 * with a new nonce, but the document keeps the policy it was loaded with.
 */
export function StyleNonce({ nonce }: { nonce: string | undefined }) {
  if (nonce && typeof window !== "undefined" && documentNonce === undefined) {
    documentNonce = nonce;
    setNonce(nonce);
  }
  return null;
}
