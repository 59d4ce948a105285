import { expect, test, type APIResponse } from "@playwright/test";
import { hostWithInstantMeeting } from "./call-helpers";
import { expectNoCspViolations, watchCsp } from "./csp";
import { signUp, uniqueEmail } from "./helpers";
import { SIGNALING_PORT } from "./ports";

// Issue #14: security headers (finding 6), names and body limits on the join-token route (findings 2, 3),
// X-Forwarded-For only from trusted proxies (finding 8). Against the production build the quick start runs.

test.describe.configure({ timeout: 180_000 });

function expectCommonHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toBe("same-origin");
  expect(headers["permissions-policy"], what).toContain("camera=(self)");
  expect(headers["permissions-policy"], what).toContain("microphone=(self)");
  expect(headers["permissions-policy"], what).toContain("display-capture=(self)");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
}

test("security headers on HTML, API, .ics and static responses; pages carry a fresh nonce", async ({ page }) => {
  const violations = await watchCsp(page);
  await signUp(page, "Header Host", uniqueEmail("headers"));
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await page.getByLabel("Title").fill("Header check");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  const icsHref = await page.getByRole("link", { name: "Download calendar invite for Header check" }).first().getAttribute("href");

  const html = await page.request.get("/dashboard");
  expect(html.headers()["content-type"]).toContain("text/html");
  expectCommonHeaders(html, "HTML");
  const policy = html.headers()["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  // WebAssembly may compile (the call's blur and noise suppression); JavaScript eval stays forbidden.
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'wasm-unsafe-eval'(;|$)/);
  expect(policy).not.toContain("unsafe-inline");
  expect(policy).not.toContain("'unsafe-eval'");
  // The signaling origin comes from runtime configuration (SIGNALING_PUBLIC_URL), for both http and WebSocket.
  expect(policy).toContain(`connect-src 'self' http://localhost:${SIGNALING_PORT} ws://localhost:${SIGNALING_PORT}`);
  expect(policy).toContain("media-src 'self' blob: mediastream:");
  // Every script Next renders carries this response's nonce, and the next response has another one.
  const body = await html.text();
  const scripts = body.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = (await page.request.get("/dashboard")).headers()["content-security-policy"];
  expect(again).not.toContain(nonce!);

  const api = await page.request.post("/api/m/nope-nope-nope/join-token", { data: { name: "Ada" } });
  expect(api.status()).toBe(404);
  expectCommonHeaders(api, "API");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");

  const ics = await page.request.get(icsHref!);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expectCommonHeaders(ics, ".ics");
  expect(ics.headers()["content-security-policy"]).toContain("default-src 'none'");

  const scriptSrc = /<script\b[^>]*src="(\/_next\/static\/[^"]+)"/.exec(body)?.[1];
  expect(scriptSrc).toBeTruthy();
  const asset = await page.request.get(scriptSrc!);
  expect(asset.status()).toBe(200);
  expectCommonHeaders(asset, "static");

  expectNoCspViolations(violations, "dashboard");
});

test("the join-token route refuses control characters in names and bounds its body (413, typed)", async ({ page }) => {
  const path = await hostWithInstantMeeting(page, "Token Host");
  const slug = path.split("/").at(-1)!;
  const guest = await page.context().browser()!.newContext();
  const url = `/api/m/${slug}/join-token`;

  for (const name of ["Ada\u0000", "Alice (Host)\u202E", "Ali\u200Bce", "x".repeat(81)]) {
    const refused = await guest.request.post(url, { data: { name } });
    expect(refused.status(), JSON.stringify(name)).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid_payload" } });
  }
  const ok = await guest.request.post(url, { data: { name: "  Ada  " } });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ name: "Ada", role: "guest" });

  // A 20 MB body used to be parsed whole.
  const huge = await guest.request.post(url, { data: { name: "Ada", padding: "x".repeat(20 * 1024 * 1024) } });
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
  await guest.close();
});

test("X-Forwarded-For from a client that is not a trusted proxy does not change its rate-limit key", async ({ browser }) => {
  const context = await browser.newContext();
  const email = uniqueEmail("xff");
  const page = await context.newPage();
  await signUp(page, "Forwarded Fred", email);
  const signIn = (password: string, forwardedFor: string) =>
    context.request.post("/api/auth/sign-in/email", {
      data: { email, password },
      headers: { origin: new URL(page.url()).origin, "x-forwarded-for": forwardedFor },
    });
  // Five failures, each claiming another address: all count against the socket's address (TRUSTED_PROXIES unset).
  for (let i = 1; i <= 5; i += 1) expect((await signIn("wrong password!", `203.0.113.${i}`)).status()).toBe(401);
  const locked = await signIn("correct horse battery", "198.51.100.77");
  expect(locked.status()).toBe(429);
  await context.close();
});
