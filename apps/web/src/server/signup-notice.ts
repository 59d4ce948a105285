import "server-only";
import type { WebEnv } from "@/env";
import { effectiveSignupMode } from "./auth-operator";
import { db } from "./db";

/** What the sign-up page tells people before they try (the server enforces the same rules on submit). */
export async function signupNotice(config: WebEnv): Promise<string | undefined> {
  const mode = await effectiveSignupMode({ config, db });
  const domains = config.SIGNUP_ALLOWED_DOMAINS;
  const domainLine = domains.length > 0 ? ` Use an address at ${domains.join(", ")}.` : "";
  if (mode === "open") return domainLine.trim() || undefined;
  if ((await db().instance.signupEligibility("")).firstAccount) {
    return `No account exists yet: the first one becomes this server's administrator.${domainLine}`;
  }
  const sso = config.OIDC_ISSUER ? " You can also sign in with single sign-on." : "";
  return mode === "closed"
    ? `Sign-up is closed on this server: only addresses an administrator invited can create an account.${sso}${domainLine}`
    : `Sign-up is by invitation: use the address an administrator or a meeting host invited.${sso}${domainLine}`;
}
