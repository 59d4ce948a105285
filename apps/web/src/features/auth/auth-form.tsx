"use client";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { displayNameSchema } from "@parley/protocol";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { authClient } from "./auth-client";
import { nameErrorKey } from "@/i18n/name-error";
import { authErrorMessage, ssoErrorMessage } from "./auth-errors";
import { safeNext } from "./safe-next";
import { SsoButton } from "./sso-button";

const MIN_PASSWORD = 10;

/**
 * `notice` explains sign-up rules (closed, by invitation, allowed domains); `ssoLabel` shows the single sign-on button.
 */
export function AuthForm({ mode, notice, ssoLabel }: { mode: "sign-in" | "sign-up"; notice?: string; ssoLabel?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get("next"), typeof window === "undefined" ? "http://localhost" : window.location.origin);
  const [error, setError] = useState<string | null>(() => {
    const sso = ssoErrorMessage(params.get("error"));
    return sso && t(`errors.${sso}`);
  });
  const [pending, setPending] = useState(false);
  const [confirmNotice, setConfirmNotice] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get("email") ?? "").trim();
    const password = String(data.get("password") ?? "");
    const name = displayNameSchema.safeParse(data.get("name") ?? "");
    if (mode === "sign-up" && !name.success) {
      setError(t(`names.${nameErrorKey(name.error.issues[0]?.message)}`));
      return;
    }
    if (mode === "sign-up" && password.length < MIN_PASSWORD) {
      setError(t("errors.passwordTooShort", { min: MIN_PASSWORD }));
      return;
    }
    setPending(true);
    setError(null);
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({
            email,
            password,
            name: name.data ?? "",
            timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
          } as Parameters<typeof authClient.signUp.email>[0])
        : await authClient.signIn.email({ email, password });
    setPending(false);
    if (result.error) {
      setError(t(`errors.${authErrorMessage(result.error)}`, { min: MIN_PASSWORD }));
      return;
    }
    // Sign-up without a session: this server wants a confirmed address before the first sign-in.
    if (mode === "sign-up" && !(result.data && "token" in result.data && result.data.token)) {
      setConfirmNotice(t("confirmNotice"));
      return;
    }
    router.push(next);
    router.refresh();
  }

  const signUp = mode === "sign-up";
  return (
    <Card className="w-full max-w-sm">
      <h1 className="mb-1 text-xl font-semibold">{signUp ? t("signUpTitle") : t("signInTitle")}</h1>
      <p className="mb-6 text-sm text-slate-600">
        {signUp ? t("signUpIntro") : t("signInIntro")}
      </p>
      {notice && (
        <Alert tone="info" className="mb-4">
          {notice}
        </Alert>
      )}
      {ssoLabel && (
        <div className="mb-4 space-y-4">
          <SsoButton label={ssoLabel} next={next} />
          <p className="text-center text-xs text-slate-500">{t("orWithEmail")}</p>
        </div>
      )}
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        {signUp && (
          <Field id="name" label={t("name")}>
            <Input id="name" name="name" autoComplete="name" required maxLength={80} />
          </Field>
        )}
        <Field id="email" label={t("email")}>
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        <Field id="password" label={t("password")} hint={signUp ? t("passwordHint", { min: MIN_PASSWORD }) : undefined}>
          <Input
            id="password"
            name="password"
            type="password"
            autoComplete={signUp ? "new-password" : "current-password"}
            required
            aria-describedby={signUp ? "password-hint" : undefined}
          />
        </Field>
        {error && <Alert>{error}</Alert>}
        {confirmNotice && <Alert tone="info">{confirmNotice}</Alert>}
        <Button type="submit" className="w-full" disabled={pending}>
          {pending && <Loader2 aria-hidden className="animate-spin" />}
          {signUp ? t("createAccount") : t("signIn")}
        </Button>
      </form>
      {!signUp && (
        <p className="mt-4 text-center text-sm">
          <Link href="/forgot-password" className="text-brand-600 hover:underline">
            {t("forgotPassword")}
          </Link>
        </p>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        {signUp ? t("haveAccount") : t("newHere")}{" "}
        <Link href={signUp ? "/sign-in" : "/sign-up"} className="font-medium text-brand-600 hover:underline">
          {signUp ? t("signIn") : t("createAnAccount")}
        </Link>
      </p>
    </Card>
  );
}
