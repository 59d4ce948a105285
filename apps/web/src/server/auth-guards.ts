import "server-only";
import { displayNameSchema, isCleanName, LIMITS } from "@parley/protocol";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { clientIp } from "./client-ip";

/**
 * What better-auth must enforce beyond its own checks, kept out of auth.ts so that file stays configuration:
 * the display-name rule on every path that writes a name, and a sign-in limit that counts only failures.
 */

/** better-auth endpoints whose body carries a `name` people chose. */
const NAME_PATHS = new Set(["/sign-up/email", "/update-user"]);
const SIGN_IN_PATH = "/sign-in/email";

export type SignInLimit = { max: number; windowSeconds: number };

/** `hooks` for betterAuth({ hooks }): name rule before sign-up/update-user, failed sign-ins limited per address. */
export function authGuardHooks(limit: SignInLimit) {
  // NOTE: only failures are counted: colleagues behind one office address sign in many times a minute, and a
  // success must not push anyone towards the limit. Guessing passwords still hits it after `max` wrong tries.
  const failures = new RateLimiterMemory({ points: limit.max, duration: limit.windowSeconds });

  const before = createAuthMiddleware(async (ctx) => {
    if (ctx.path === SIGN_IN_PATH) {
      const used = await failures.get(clientIp(ctx.headers ?? new Headers()));
      if (used && used.consumedPoints >= limit.max) {
        throw new APIError("TOO_MANY_REQUESTS", {
          code: "TOO_MANY_FAILED_SIGN_INS",
          message: "Too many failed sign-in attempts. Wait a minute and try again.",
        });
      }
      return;
    }
    if (!NAME_PATHS.has(ctx.path) || !ctx.body || typeof ctx.body !== "object" || !("name" in ctx.body)) return;
    const name = displayNameSchema.safeParse((ctx.body as { name: unknown }).name);
    if (!name.success) {
      throw new APIError("BAD_REQUEST", { code: "INVALID_NAME", message: name.error.issues[0]?.message ?? "Invalid name" });
    }
    return { context: { body: { ...(ctx.body as object), name: name.data } } };
  });

  const after = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== SIGN_IN_PATH || !isAPIError(ctx.context.returned)) return;
    await failures.penalty(clientIp(ctx.headers ?? new Headers()), 1).catch(() => undefined);
  });

  return { before, after };
}

/**
 * The last line for names that arrive other than through a form (an identity provider, an admin tool): stored
 * only in a shape the rule accepts, so no account can end up unable to join a meeting.
 */
export function storableName(name: unknown, email: unknown): string {
  const parsed = displayNameSchema.safeParse(name);
  if (parsed.success) return parsed.data;
  // Line breaks and tabs become spaces; every other character the rule refuses is dropped.
  const cleaned = [...String(name ?? "").replace(/\s+/g, " ")]
    .filter((char) => isCleanName(char))
    .join("")
    .replace(/ +/g, " ")
    .trim()
    .slice(0, LIMITS.nameMaxLength)
    .trim();
  if (displayNameSchema.safeParse(cleaned).success) return cleaned;
  const local = String(email ?? "").split("@")[0]?.slice(0, LIMITS.nameMaxLength) ?? "";
  return displayNameSchema.safeParse(local).success ? local : "Parley user";
}
