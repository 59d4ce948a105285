/** What we tell people (keys of the "authErrors" messages) for better-auth's error codes; never internals. */
export type AuthErrorKey =
  | "generic"
  | "tooManyAttempts"
  | "accountExists"
  | "wrongCredentials"
  | "passwordTooShort"
  | "passwordTooLong"
  | "invalidEmail"
  | "accountDisabled"
  | "signup_closed"
  | "signup_invite_only"
  | "signup_domain_not_allowed"
  | "invalidName"
  | "tooLarge"
  | "emailNotVerified"
  | "invalidLink"
  | "accountNotLinked"
  | "ssoFailed";

/** Maps better-auth's error codes to the message we show; unknown failures get a generic line. */
export function authErrorMessage(error: { code?: string; status?: number; message?: string } | null | undefined): AuthErrorKey {
  if (!error) return "generic";
  if (error.status === 429) return "tooManyAttempts";
  switch (error.code) {
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "accountExists";
    case "INVALID_EMAIL_OR_PASSWORD":
    case "INVALID_PASSWORD":
    case "USER_NOT_FOUND":
      // Same words whether the email exists or not: no account enumeration.
      return "wrongCredentials";
    case "PASSWORD_TOO_SHORT":
      return "passwordTooShort";
    case "PASSWORD_TOO_LONG":
      return "passwordTooLong";
    case "INVALID_EMAIL":
      return "invalidEmail";
    case "ACCOUNT_DISABLED":
      return "accountDisabled";
    case "signup_closed":
    case "signup_invite_only":
    case "signup_domain_not_allowed":
      return error.code;
    case "INVALID_NAME":
      return "invalidName";
    case "PAYLOAD_TOO_LARGE":
      return "tooLarge";
    case "EMAIL_NOT_VERIFIED":
      return "emailNotVerified";
    case "INVALID_TOKEN":
    case "TOKEN_EXPIRED":
      return "invalidLink";
    default:
      return "generic";
  }
}

/** What a failed single sign-on (better-auth redirects back with ?error=<code>) tells people. */
export function ssoErrorMessage(code: string | null): AuthErrorKey | null {
  if (!code) return null;
  if (code === "signup_closed" || code === "signup_invite_only" || code === "signup_domain_not_allowed") return code;
  if (code === "ACCOUNT_DISABLED") return "accountDisabled";
  if (code === "account_not_linked") return "accountNotLinked";
  return "ssoFailed";
}
