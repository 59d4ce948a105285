"use client";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { authClient } from "./auth-client";
import { authErrorMessage } from "./auth-errors";

const MIN_PASSWORD = 10;

/** Asks for a reset link. The answer is the same whether an account exists or not (no account enumeration). */
export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, setState] = useState<{ pending: boolean; sent: boolean; error: string | null }>({ pending: false, sent: false, error: null });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return setState({ pending: false, sent: false, error: t("errors.invalidEmail") });
    setState({ pending: true, sent: false, error: null });
    const result = await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" });
    setState({ pending: false, sent: !result.error, error: result.error ? t(`errors.${authErrorMessage(result.error)}`, { min: MIN_PASSWORD }) : null });
  }

  return (
    <Card className="w-full max-w-sm">
      <h1 className="mb-1 text-xl font-semibold">{t("forgotTitle")}</h1>
      <p className="mb-6 text-sm text-slate-600">{t("forgotIntro")}</p>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="email" label={t("email")}>
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        {state.error && <Alert>{state.error}</Alert>}
        {state.sent && <Alert tone="info">{t("resetSent")}</Alert>}
        <Button type="submit" className="w-full" disabled={state.pending}>
          {state.pending && <Loader2 aria-hidden className="animate-spin" />}
          {t("sendResetLink")}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm">
        <Link href="/sign-in" className="text-brand-600 hover:underline">
          {t("backToSignIn")}
        </Link>
      </p>
    </Card>
  );
}

/** Sets the new password with the token from the mailed link. */
export function ResetPasswordForm() {
  const t = useTranslations("auth");
  const params = useSearchParams();
  const token = params.get("token");
  const linkError = params.get("error");
  const [state, setState] = useState<{ pending: boolean; done: boolean; error: string | null }>({ pending: false, done: false, error: null });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    if (password.length < MIN_PASSWORD) return setState({ pending: false, done: false, error: t("errors.passwordTooShort", { min: MIN_PASSWORD }) });
    if (password !== String(data.get("confirm") ?? "")) return setState({ pending: false, done: false, error: t("passwordsDiffer") });
    setState({ pending: true, done: false, error: null });
    const result = await authClient.resetPassword({ newPassword: password, token: token ?? "" });
    setState({ pending: false, done: !result.error, error: result.error ? t(`errors.${authErrorMessage(result.error)}`, { min: MIN_PASSWORD }) : null });
  }

  if (!token || linkError) {
    return (
      <Card className="w-full max-w-sm space-y-4">
        <h1 className="text-xl font-semibold">{t("linkBrokenTitle")}</h1>
        <Alert>{t("linkBroken")}</Alert>
        <Link href="/forgot-password" className="text-sm text-brand-600 hover:underline">
          {t("askNewLink")}
        </Link>
      </Card>
    );
  }
  return (
    <Card className="w-full max-w-sm">
      <h1 className="mb-6 text-xl font-semibold">{t("resetTitle")}</h1>
      {state.done ? (
        <div className="space-y-4">
          <Alert tone="info">{t("passwordChanged")}</Alert>
          <Button asChild className="w-full">
            <Link href="/sign-in">{t("signIn")}</Link>
          </Button>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field id="password" label={t("newPassword")} hint={t("passwordHint", { min: MIN_PASSWORD })}>
            <Input id="password" name="password" type="password" autoComplete="new-password" required aria-describedby="password-hint" />
          </Field>
          <Field id="confirm" label={t("repeatPassword")}>
            <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
          </Field>
          {state.error && <Alert>{state.error}</Alert>}
          <Button type="submit" className="w-full" disabled={state.pending}>
            {state.pending && <Loader2 aria-hidden className="animate-spin" />}
            {t("setNewPassword")}
          </Button>
        </form>
      )}
    </Card>
  );
}
