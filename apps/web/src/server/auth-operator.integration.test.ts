// The real better-auth handler (as /api/auth/* serves it) on a database of its own, with a real OpenID Connect
// provider: sign-up rules, the first administrator, disabled accounts, SSO sign-in, the admin group, sign-out.
import { randomUUID } from "node:crypto";
import { createDb, type Db } from "@parley/db";
import { startTestDatabase, type TestDatabase } from "@parley/db/testing";
import { CookieJar, loginAtProvider, startOidcProvider, type OidcAccount, type OidcProviderServer } from "@parley/oidc-harness";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUserDisabled } from "@/features/operator/admin-service";

const WEB = "http://localhost:3000";
const PASSWORD = "correct horse battery";
const accounts: Record<string, OidcAccount> = {
  anna: { email: "anna@corp.example", name: "Anna Admin", groups: ["staff", "parley-admins"] },
  olga: { email: "olga@corp.example", name: "Olga", groups: ["staff"] },
};

let database: TestDatabase;
let idp: OidcProviderServer;
let db: Db;
let handler: (request: Request) => Promise<Response>;
const globals = globalThis as unknown as { parleyAuth?: unknown; parleyDb?: Db };

beforeAll(async () => {
  [database, idp] = await Promise.all([
    startTestDatabase(),
    startOidcProvider({ clients: [{ clientId: "parley", clientSecret: "parley-oidc-secret", redirectUris: [`${WEB}/api/auth/callback/oidc`] }], accounts }),
  ]);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    BETTER_AUTH_SECRET: "s".repeat(40),
    JOIN_TOKEN_SECRET: "j".repeat(40),
    PUBLIC_URL: WEB,
    SIGNUP_MODE: "closed",
    SIGNUP_ALLOWED_DOMAINS: "example.org,corp.example",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: "parley",
    OIDC_CLIENT_SECRET: "parley-oidc-secret",
    OIDC_ADMIN_GROUP: "parley-admins",
    LOG_LEVEL: "silent",
  });
  // NOTE: the app keeps one auth and one pool per process on globalThis; this file wants its own.
  delete globals.parleyAuth;
  delete globals.parleyDb;
  const { auth } = await import("./auth");
  handler = (request) => auth().handler(request);
  db = createDb(database.url);
}, 90_000);

afterAll(async () => {
  await globals.parleyDb?.close();
  delete globals.parleyAuth;
  delete globals.parleyDb;
  await db?.close();
  await Promise.all([database?.stop(), idp?.stop()]);
});

/** A browser of sorts: its own cookies and client address (sign-in limits are per address). */
function browser() {
  const jar = new CookieJar();
  const address = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const call = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const url = path.startsWith("http") ? path : `${WEB}${path}`;
    const headers = new Headers({ origin: WEB, "x-forwarded-for": address });
    if (init.body !== undefined) headers.set("content-type", "application/json");
    const cookie = jar.header(url);
    if (cookie) headers.set("cookie", cookie);
    const response = await handler(new Request(url, { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) }));
    jar.store(url, response);
    return response;
  };
  return {
    jar,
    call,
    signUp: (email: string, name = "Someone") => call("/api/auth/sign-up/email", { method: "POST", body: { email, password: PASSWORD, name } }),
    signIn: (email: string) => call("/api/auth/sign-in/email", { method: "POST", body: { email, password: PASSWORD } }),
    async session(): Promise<{ user: { id: string; email: string } } | null> {
      return (await call("/api/auth/get-session")).json() as Promise<{ user: { id: string; email: string } } | null>;
    },
    /** The whole SSO round trip: Parley → provider (login + consent as `login`) → Parley's callback. */
    async signInWithSso(login: string) {
      const started = await call("/api/auth/sign-in/social", { method: "POST", body: { provider: "oidc", callbackURL: "/dashboard", errorCallbackURL: "/sign-in" } });
      const answer = (await started.json()) as { url: string };
      if (!answer.url) throw new Error(`sign-in/social answered ${started.status}: ${JSON.stringify(answer)}`);
      const { url } = answer;
      expect(new URL(url).origin).toBe(idp.issuer);
      const callback = await loginAtProvider(jar, url, login);
      expect(callback.startsWith(`${WEB}/api/auth/callback/oidc?`)).toBe(true);
      const landed = await call(callback);
      return new URL(landed.headers.get("location") ?? "", WEB);
    },
  };
}

const roleOf = async (email: string) => (await db.prisma.user.findUnique({ where: { email }, select: { role: true } }))?.role;
const errorCode = async (response: Response) => ((await response.json()) as { code?: string }).code;

describe("sign-up rules and administrators through better-auth", () => {
  it("makes exactly one of two simultaneous first sign-ups the administrator, even with sign-up closed", async () => {
    const [a, b] = [browser(), browser()];
    const responses = await Promise.all([a.signUp("first-a@example.org", "First A"), b.signUp("first-b@example.org", "First B")]);
    // Closed: only the very first account may sign up by itself; the loser of the race is refused or a member.
    const created = await db.prisma.user.findMany({ where: { email: { startsWith: "first-" } }, select: { role: true } });
    expect(created.filter((u) => u.role === "ADMIN")).toHaveLength(1);
    expect(created.filter((u) => u.role !== "ADMIN").length).toBe(created.length - 1);
    expect(responses.some((r) => r.status === 200)).toBe(true);
  });

  it("refuses sign-up when closed unless an administrator invited the address, and outside the allowed domains", async () => {
    const stranger = browser();
    const refused = await stranger.signUp("stranger@example.org");
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe("signup_closed");
    expect(await roleOf("stranger@example.org")).toBeUndefined();

    await db.instance.invite("Invited@Example.org", null);
    expect((await browser().signUp("invited@example.org", "Invited")).status).toBe(200);
    expect(await roleOf("invited@example.org")).toBe("MEMBER");

    await db.instance.setSignupMode("OPEN");
    const elsewhere = await browser().signUp("someone@elsewhere.net");
    expect(await errorCode(elsewhere)).toBe("signup_domain_not_allowed");
    expect(await roleOf("someone@elsewhere.net")).toBeUndefined();
    expect((await browser().signUp("open@example.org")).status).toBe(200);
  });

  it("lets meeting invitees (and only them) sign up by invitation", async () => {
    await db.instance.setSignupMode("INVITE");
    const host = await db.prisma.user.findFirstOrThrow({ where: { email: "open@example.org" } });
    await db.meetings.create({
      hostId: host.id, slug: `m-${randomUUID()}`, title: "Planning", startsAt: new Date(), durationMinutes: 30, timeZone: "UTC",
      lobbyEnabled: false, instant: false, invitees: ["guest@example.org"],
    });
    expect(await errorCode(await browser().signUp("uninvited@example.org"))).toBe("signup_invite_only");
    expect((await browser().signUp("guest@example.org", "Guest")).status).toBe(200);
    await db.instance.setSignupMode(null);
  });

  it("signs a disabled account out everywhere and refuses its sign-in until it is enabled again", async () => {
    await db.instance.invite("mallory@example.org", null);
    const user = browser();
    expect((await user.signUp("mallory@example.org", "Mallory")).status).toBe(200);
    expect((await user.session())?.user.email).toBe("mallory@example.org");
    const { id } = await db.prisma.user.findUniqueOrThrow({ where: { email: "mallory@example.org" } });

    expect(await setUserDisabled(db, id, true)).toEqual({ ok: true });
    expect(await user.session()).toBeNull();
    const again = await browser().signIn("mallory@example.org");
    expect(again.status).toBe(403);
    expect(await errorCode(again)).toBe("ACCOUNT_DISABLED");
    expect(await db.prisma.session.count({ where: { userId: id } })).toBe(0);

    expect(await setUserDisabled(db, id, false)).toEqual({ ok: true });
    expect((await browser().signIn("mallory@example.org")).status).toBe(200);
  });
});

describe("single sign-on with a real OpenID Connect provider", () => {
  it("creates the account on first sign-in (sign-up closed), maps the admin group, and signs out", async () => {
    await db.instance.setSignupMode("CLOSED");
    const anna = browser();
    expect((await anna.signInWithSso("anna")).pathname).toBe("/dashboard");
    const session = await anna.session();
    expect(session?.user.email).toBe("anna@corp.example");
    expect(await roleOf("anna@corp.example")).toBe("ADMIN");
    expect(await db.prisma.account.count({ where: { userId: session?.user.id, providerId: "oidc" } })).toBe(1);

    const signedOut = await anna.call("/api/auth/sign-out", { method: "POST", body: {} });
    expect(signedOut.status).toBe(200);
    expect(await anna.session()).toBeNull();

    const olga = browser();
    expect((await olga.signInWithSso("olga")).pathname).toBe("/dashboard");
    expect(await roleOf("olga@corp.example")).toBe("MEMBER");
  });

  it("signs the same person into the same account again, and follows group changes", async () => {
    const before = await db.prisma.user.count();
    const anna = browser();
    accounts.anna = { ...accounts.anna!, groups: ["staff"] };
    await anna.signInWithSso("anna");
    expect((await anna.session())?.user.email).toBe("anna@corp.example");
    expect(await db.prisma.user.count()).toBe(before);
    expect(await roleOf("anna@corp.example")).toBe("MEMBER");
  });

  it("refuses an SSO account outside the allowed domains, and creates nothing", async () => {
    const landed = await browser().signInWithSso("mallory@evil.example");
    expect(landed.pathname).toBe("/sign-in");
    expect(landed.searchParams.get("error")).toBe("signup_domain_not_allowed");
    expect(await roleOf("mallory@evil.example")).toBeUndefined();
  });

  it("refuses a disabled SSO account", async () => {
    const { id } = await db.prisma.user.findUniqueOrThrow({ where: { email: "olga@corp.example" } });
    await setUserDisabled(db, id, true);
    const landed = await browser().signInWithSso("olga");
    expect(landed.searchParams.get("error")).toBe("ACCOUNT_DISABLED");
  });
});
