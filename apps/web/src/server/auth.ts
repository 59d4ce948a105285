import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { env } from "@/env";
import { isValidTimeZone } from "@/features/scheduling/time-zones";
import { oidcPlugins, operatorDatabaseHooks, signupGate } from "./auth-operator";
import { authGuardHooks, storableName } from "./auth-guards";
import { CLIENT_IP_HEADER } from "./client-address.mjs";
import { authMailHooks } from "./auth-mail";
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
      // Operator's choice (REQUIRE_EMAIL_VERIFICATION, default off so the quick start needs no mail server).
      requireEmailVerification: config.REQUIRE_EMAIL_VERIFICATION,
      sendResetPassword: authMailHooks.sendResetPassword,
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
    },
    emailVerification: {
      // Always sent: a confirmed address is what shows someone the meetings they are invited to.
      sendOnSignUp: true,
      sendOnSignIn: config.REQUIRE_EMAIL_VERIFICATION,
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: authMailHooks.sendVerificationEmail,
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
        create: {
          before: async (user) => ({
            data: { ...user, name: storableName(user.name, user.email), timeZone: validZoneOr(user.timeZone, "UTC") },
          }),
        },
        update: {
          before: async (user) => {
            // Typed names were already checked (auth-guards.ts); one from an identity provider is made storable.
            const data = "name" in user ? { ...user, name: storableName(user.name, user.email) } : user;
            if (!("timeZone" in data)) return { data };
            return isValidTimeZone(String(data.timeZone)) ? { data } : false;
          },
        },
      },
      session: operator.session,
      account: operator.account,
    },
    // Name rule on sign-up and update-user, failed sign-ins limited (auth-guards.ts).
    hooks: authGuardHooks({ max: config.SIGN_IN_RATE_LIMIT_MAX, windowSeconds: config.SIGN_IN_RATE_LIMIT_WINDOW_SECONDS }),
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: "memory",
      window: 60,
      max: 100,
      customRules: {
        // Failed sign-ins are limited in auth-guards.ts (only failures count); this bounds the rest per address.
        "/sign-in/email": { window: 60, max: 60 },
        // Starting an SSO sign-in only redirects to the provider (which does its own limiting); better-auth's
        // default for /sign-in/* (3 per 10 s) would turn away an office behind one address at 9 a.m.
        "/sign-in/social": { window: 60, max: 60 },
        "/sign-up/email": { window: 60, max: 10 },
        // Each request sends a mail: keep one address from being flooded.
        "/request-password-reset": { window: 60, max: 3 },
        "/send-verification-email": { window: 60, max: 3 },
      },
    },
    advanced: {
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      // The address server.mjs resolved from the socket and TRUSTED_PROXIES; never a header the client wrote.
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
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
