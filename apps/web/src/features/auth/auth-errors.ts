import { SIGNUP_REFUSALS } from "@/features/operator/signup-policy";

/** Maps better-auth's error codes to what we tell people; unknown failures get a generic line, never internals. */
export function authErrorMessage(error: { code?: string; status?: number; message?: string } | null | undefined): string {
  if (!error) return "Something went wrong. Please try again.";
  if (error.status === 429) return "Too many attempts. Wait a minute and try again.";
  switch (error.code) {
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return "An account with this email already exists. Sign in instead.";
    case "INVALID_EMAIL_OR_PASSWORD":
    case "INVALID_PASSWORD":
    case "USER_NOT_FOUND":
      // Same words whether the email exists or not: no account enumeration.
      return "Email or password is incorrect.";
    case "PASSWORD_TOO_SHORT":
      return "Password is too weak: use at least 10 characters.";
    case "PASSWORD_TOO_LONG":
      return "Password is too long (128 characters at most).";
    case "INVALID_EMAIL":
      return "Enter a valid email address.";
    case "ACCOUNT_DISABLED":
      return "This account is disabled. Ask an administrator.";
    case "signup_closed":
    case "signup_invite_only":
    case "signup_domain_not_allowed":
      return SIGNUP_REFUSALS[error.code];
    case "INVALID_NAME":
      return "Names are 1–80 characters, without control characters or invisible formatting characters.";
    case "PAYLOAD_TOO_LARGE":
      return "That is more than this form takes. Shorten what you entered.";
    case "EMAIL_NOT_VERIFIED":
      return "Confirm your email address first: open the link in the mail we sent you (we just sent it again).";
    case "INVALID_TOKEN":
    case "TOKEN_EXPIRED":
      return "This link is invalid or has expired. Ask for a new one.";
    default:
      return "Something went wrong. Please try again.";
  }
}

/** What a failed single sign-on (better-auth redirects back with ?error=<code>) tells people. */
export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  if (code in SIGNUP_REFUSALS) return SIGNUP_REFUSALS[code as keyof typeof SIGNUP_REFUSALS];
  if (code === "ACCOUNT_DISABLED") return "This account is disabled. Ask an administrator.";
  if (code === "account_not_linked") return "An account with this email already exists. Sign in with your password.";
  return "Single sign-on did not work. Try again, or ask an administrator.";
}
