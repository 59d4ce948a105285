// Operator controls inside better-auth: who may create an account (SIGNUP_MODE, SIGNUP_ALLOWED_DOMAINS, invitations),
// refusing disabled accounts, and OpenID Connect sign-in with an optional group → administrator mapping.
// Kept apart from auth.ts so the rest of the better-auth setup can change without touching these rules.
import "server-only";
import type { Db } from "@parley/db";
import type { BetterAuthOptions } from "better-auth";
import { APIError } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { decodeJwt } from "jose";
import type { WebEnv } from "@/env";
import { decideSignup, type SignupMethod, type SignupMode } from "@/features/operator/signup-policy";
import { logger } from "./logger";

/** The provider id in callback URLs: /api/auth/callback/oidc is the redirect URI operators register. */
export const OIDC_PROVIDER_ID = "oidc";

export type OperatorDeps = { config: WebEnv; db: () => Db };

/** SIGNUP_MODE, unless an administrator overrode it on the admin page. */
export async function effectiveSignupMode(deps: OperatorDeps): Promise<SignupMode> {
  const { signupMode } = await deps.db().instance.settings();
  return signupMode ? (signupMode.toLowerCase() as SignupMode) : deps.config.SIGNUP_MODE;
}

type ValidateUserInfo = NonNullable<NonNullable<BetterAuthOptions["user"]>["validateUserInfo"]>;

/** better-auth's `user.validateUserInfo`: refuses a new account the sign-up rules do not allow. */
export function signupGate(deps: OperatorDeps): ValidateUserInfo {
  return async ({ user, source }) => {
    if (source.action !== "create-user") return;
    const method: SignupMethod = source.method === "oauth" ? "sso" : "email";
    const email = String(user.email ?? "");
    const decision = decideSignup({
      mode: await effectiveSignupMode(deps),
      allowedDomains: deps.config.SIGNUP_ALLOWED_DOMAINS,
      method,
      email,
      eligibility: await deps.db().instance.signupEligibility(email),
    });
    if (decision.ok) return;
    logger.info({ method, code: decision.code }, "sign-up refused");
    return { error: decision.code, errorDescription: decision.message };
  };
}

export const ACCOUNT_DISABLED = { code: "ACCOUNT_DISABLED", message: "This account is disabled. Ask an administrator." } as const;

/** Database hooks: no session for a disabled account; SSO sign-ins apply the admin group. */
export function operatorDatabaseHooks(deps: OperatorDeps) {
  const syncAdminGroup = async (account: { providerId: string; userId: string; idToken?: string | null }) => {
    const group = deps.config.OIDC_ADMIN_GROUP;
    if (!group || account.providerId !== OIDC_PROVIDER_ID || !account.idToken) return;
    // NOTE: better-auth verified this ID token (issuer, audience, signature, nonce) before storing it.
    const isMember = groupsOf(decodeJwt(account.idToken)[deps.config.OIDC_GROUPS_CLAIM]).includes(group);
    const result = await deps.db().adminUsers.setRole(account.userId, isMember ? "ADMIN" : "MEMBER");
    if (!result.ok) logger.warn({ userId: account.userId, error: result.error }, "admin group not applied");
  };
  return {
    session: {
      create: {
        before: async (session: { userId: string }) => {
          const access = await deps.db().adminUsers.accessOf(session.userId);
          if (access?.disabledAt) throw new APIError("FORBIDDEN", { ...ACCOUNT_DISABLED });
        },
      },
    },
    account: {
      create: { after: syncAdminGroup },
      update: { after: syncAdminGroup },
    },
  };
}

/** A group claim as identity providers send it: a list of names, or one name. */
export function groupsOf(claim: unknown): string[] {
  if (typeof claim === "string") return [claim];
  return Array.isArray(claim) ? claim.filter((g): g is string => typeof g === "string") : [];
}

/** The OpenID Connect provider, when OIDC_ISSUER is set. */
export function oidcPlugins(config: WebEnv) {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return [];
  const issuer = config.OIDC_ISSUER.replace(/\/+$/, "");
  return [
    genericOAuth({
      config: [
        {
          providerId: OIDC_PROVIDER_ID,
          name: config.OIDC_BUTTON_LABEL,
          discoveryUrl: `${issuer}/.well-known/openid-configuration`,
          // Refuse to run with unverifiable ID tokens (the admin group is read from them).
          requireIdTokenVerification: true,
          clientId: config.OIDC_CLIENT_ID,
          clientSecret: config.OIDC_CLIENT_SECRET,
          scopes: ["openid", "profile", "email"],
          // Signing out of Parley ends the Parley session only; the identity provider's session is its own business.
          disableProviderLogout: true,
        },
      ],
    }),
  ];
}
