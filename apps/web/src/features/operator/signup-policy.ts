import type { SignupEligibility } from "@parley/db";

export type SignupMode = "open" | "invite" | "closed";
export const SIGNUP_MODES = ["open", "invite", "closed"] as const satisfies readonly SignupMode[];

/** How the new account arrives: the sign-up form, or the first sign-in through the identity provider. */
export type SignupMethod = "email" | "sso";

export const SIGNUP_REFUSALS = {
  signup_closed: "Sign-up is closed on this server. Ask an administrator to invite you.",
  signup_invite_only: "Sign-up is by invitation only. Ask an administrator or a meeting host to invite this address.",
  signup_domain_not_allowed: "Accounts on this server need an email address from an allowed domain.",
} as const;
export type SignupRefusal = keyof typeof SIGNUP_REFUSALS;

export type SignupDecision = { ok: true } | { ok: false; code: SignupRefusal; message: string };

/**
 * Whether an account may be created for `email`.
 * - The allowed domains (if any) apply to every new account, the very first one and SSO ones included.
 * - The first account is always allowed (it becomes the administrator), whatever the mode.
 * - SSO: the identity provider decides who exists, so only the domain rule applies.
 * - open: anyone; invite: addresses invited by an admin or to a meeting; closed: addresses an admin invited.
 */
export function decideSignup(input: {
  mode: SignupMode;
  allowedDomains: readonly string[];
  method: SignupMethod;
  email: string;
  eligibility: SignupEligibility;
}): SignupDecision {
  const { mode, allowedDomains, method, eligibility } = input;
  const refuse = (code: SignupRefusal): SignupDecision => ({ ok: false, code, message: SIGNUP_REFUSALS[code] });
  if (allowedDomains.length > 0 && !allowedDomains.includes(domainOf(input.email))) return refuse("signup_domain_not_allowed");
  if (eligibility.firstAccount || method === "sso" || mode === "open") return { ok: true };
  if (mode === "invite") return eligibility.invitedByAdmin || eligibility.invitedToMeeting ? { ok: true } : refuse("signup_invite_only");
  return eligibility.invitedByAdmin ? { ok: true } : refuse("signup_closed");
}

/** The part after the last @, lower-cased ("" when there is none). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).trim().toLowerCase();
}
