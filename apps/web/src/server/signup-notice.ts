import "server-only";
import { getTranslations } from "next-intl/server";
import type { WebEnv } from "@/env";
import { effectiveSignupMode } from "./auth-operator";
import { db } from "./db";

/** What the sign-up page tells people before they try (the server enforces the same rules on submit). */
export async function signupNotice(config: WebEnv): Promise<string | undefined> {
  const t = await getTranslations("auth.signupNotice");
  const mode = await effectiveSignupMode({ config, db });
  const domains = config.SIGNUP_ALLOWED_DOMAINS;
  const domainLine = domains.length > 0 ? ` ${t("domains", { domains: domains.join(", ") })}` : "";
  if (mode === "open") return domainLine.trim() || undefined;
  if ((await db().instance.signupEligibility("")).firstAccount) return `${t("firstAccount")}${domainLine}`;
  const sso = config.OIDC_ISSUER ? ` ${t("sso")}` : "";
  return `${mode === "closed" ? t("closed") : t("invite")}${sso}${domainLine}`;
}
