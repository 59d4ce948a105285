import { expect, type Page } from "@playwright/test";

/**
 * Collects every Content-Security-Policy violation on a page: the `securitypolicyviolation` events the document
 * fires and the "Refused to ..." console errors Chromium logs for them. Call before the page navigates.
 */
export async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|securitypolicyviolation/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return violations;
}

export function expectNoCspViolations(violations: string[], page: string) {
  expect(violations, `CSP violations on ${page}`).toEqual([]);
}
