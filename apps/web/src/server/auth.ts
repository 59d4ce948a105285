import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { env } from "@/env";
import { isValidTimeZone } from "@/features/scheduling/time-zones";
import { oidcPlugins, operatorDatabaseHooks, signupGate } from "./auth-operator";
import { db } from "./db";

export const MIN_PASSWORD_LENGTH = 10;

const validZoneOr = (zone: unknown, fallback: string) => (typeof zone === "string" && isValidTimeZone(zone) ? zone : fallback);

function createAuth() {
  const config = env();
  const secure = config.PUBLIC_URL.startsWith("https://");
  const operator = operatorDatabaseHooks({ config, db });
  return betterAuth({
    appName: "Parley",
    baseURL: config.PUBLIC_URL,
    secret: config.BETTER_AUTH_SECRET,
    trustedOrigins: [config.PUBLIC_URL],
    database: prismaAdapter(db().prisma, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 128,
      autoSignIn: true,
    },
    user: {
      // Sign-up rules (SIGNUP_MODE, allowed domains, invitations) for every new account, SSO ones included.
      validateUserInfo: signupGate({ config, db }),
      additionalFields: {
        timeZone: { type: "string", required: false, defaultValue: "UTC", input: true },
      },
    },
    databaseHooks: {
      // The sign-up form sends the browser's zone; anything the runtime does not know becomes UTC.
      user: {
        create: { before: async (user) => ({ data: { ...user, timeZone: validZoneOr(user.timeZone, "UTC") } }) },
        update: {
          before: async (user) => {
            if (!("timeZone" in user)) return { data: user };
            return isValidTimeZone(String(user.timeZone)) ? { data: user } : false;
          },
        },
      },
      session: operator.session,
      account: operator.account,
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 100,
      customRules: {
        // Repeated sign-in attempts from one address are throttled (credential stuffing, password guessing).
        "/sign-in/email": { window: config.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS, max: config.SIGN_IN_RATE_LIMIT_MAX },
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for", "x-real-ip"] },
    },
    plugins: [...oidcPlugins(config), nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const holder = globalThis as unknown as { parleyAuth?: Auth };

/** better-auth instance, created lazily so `next build` needs no runtime secrets. */
export function auth(): Auth {
  holder.parleyAuth ??= createAuth();
  return holder.parleyAuth;
}
