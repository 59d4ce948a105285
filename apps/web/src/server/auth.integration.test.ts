import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

// The real better-auth handler behind the real route (body limit included), on the test run's real Postgres.
const ORIGIN = "http://localhost:3000";
let db: Db;
let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: inject("databaseUrl"),
    PUBLIC_URL: ORIGIN,
    BETTER_AUTH_SECRET: "auth-integration-secret-0123456789abcdef",
    JOIN_TOKEN_SECRET: "join-integration-secret-0123456789abcdef",
  });
  db = createDb(inject("databaseUrl"));
  ({ POST } = await import("@/app/api/auth/[...all]/route"));
});
afterAll(() => db.close());

/** One client address per test: rate limits are per address. */
const address = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}`;

function call(path: string, body: unknown, headers: Record<string, string> = {}) {
  return POST(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

const email = () => `${randomUUID()}@example.org`;
const PASSWORD = "correct horse battery";

async function signUp(name: string, ip: string, address_ = email()) {
  return call("/sign-up/email", { name, email: address_, password: PASSWORD, timeZone: "UTC" }, { "x-parley-client-ip": ip });
}

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

describe("one name rule in better-auth (issue #14, findings 2 and 3)", () => {
  it.each([
    ["a NUL", "Ada\u0000"],
    ["a right-to-left override", "Alice (Host)\u202E"],
    ["a zero-width space", "Ali\u200Bce"],
    ["81 characters", "x".repeat(81)],
    ["only spaces", "   "],
  ])("refuses sign-up with %s, and stores nothing", async (_what, name) => {
    const address_ = email();
    const response = await signUp(name, address(), address_);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "INVALID_NAME" });
    expect(await db.prisma.user.findUnique({ where: { email: address_ } })).toBeNull();
  });

  it("refuses a 5 MB sign-up body with a typed 413 before parsing it", async () => {
    const response = await signUp("x".repeat(5 * 1024 * 1024), address());
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: "payload_too_large", message: expect.stringMatching(/too large/) } });
  });

  it("stores a trimmed name and holds update-user to the same rule", async () => {
    const ip = address();
    const address_ = email();
    const created = await signUp("  Ada Lovelace  ", ip, address_);
    expect(created.status).toBe(200);
    const cookie = cookiesOf(created);
    expect((await db.prisma.user.findUnique({ where: { email: address_ } }))?.name).toBe("Ada Lovelace");

    for (const name of ["y".repeat(300), "Ada\u0000", "Alice (Host)\u202E", ""]) {
      const refused = await call("/update-user", { name }, { cookie, "x-parley-client-ip": ip });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: "INVALID_NAME" });
    }
    expect((await db.prisma.user.findUnique({ where: { email: address_ } }))?.name).toBe("Ada Lovelace");

    const renamed = await call("/update-user", { name: " Ada King " }, { cookie, "x-parley-client-ip": ip });
    expect(renamed.status).toBe(200);
    expect((await db.prisma.user.findUnique({ where: { email: address_ } }))?.name).toBe("Ada King");
  });
});

// NOTE: each sign-in checks a scrypt password hash (better-auth): nine of them took over 20 s under turbo's load.
describe("sign-in limit (issue #14, finding 8)", { timeout: 90_000 }, () => {
  it("counts only failures: many successful sign-ins from one address never lock it", async () => {
    const ip = address();
    const address_ = email();
    expect((await signUp("Office", ip, address_)).status).toBe(200);
    for (let i = 0; i < 8; i += 1) {
      const response = await call("/sign-in/email", { email: address_, password: PASSWORD }, { "x-parley-client-ip": ip });
      expect(response.status, `sign-in ${i + 1}`).toBe(200);
    }
  });

  it("after 5 failures from one address even the right password waits; other addresses are not affected", async () => {
    const ip = address();
    const address_ = email();
    expect((await signUp("Target", ip, address_)).status).toBe(200);
    for (let i = 0; i < 5; i += 1) {
      const wrong = await call("/sign-in/email", { email: address_, password: "wrong password!" }, { "x-parley-client-ip": ip });
      expect(wrong.status).toBe(401);
    }
    // Changing X-Forwarded-For changes nothing: the app keys on the address server.mjs resolved.
    const locked = await call(
      "/sign-in/email",
      { email: address_, password: PASSWORD },
      { "x-parley-client-ip": ip, "x-forwarded-for": "203.0.113.99" },
    );
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ code: "TOO_MANY_FAILED_SIGN_INS" });

    const elsewhere = await call("/sign-in/email", { email: address_, password: PASSWORD }, { "x-parley-client-ip": address() });
    expect(elsewhere.status).toBe(200);
  });
});
