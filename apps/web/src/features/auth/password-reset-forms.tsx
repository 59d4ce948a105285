"use client";
import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { authClient } from "./auth-client";
import { authErrorMessage } from "./auth-errors";

const MIN_PASSWORD = 10;

/** Asks for a reset link. The answer is the same whether an account exists or not (no account enumeration). */
export function ForgotPasswordForm() {
  const [state, setState] = useState<{ pending: boolean; sent: boolean; error: string | null }>({ pending: false, sent: false, error: null });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return setState({ pending: false, sent: false, error: "Enter a valid email address." });
    setState({ pending: true, sent: false, error: null });
    const result = await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" });
    setState({ pending: false, sent: !result.error, error: result.error ? authErrorMessage(result.error) : null });
  }

  return (
    <Card className="w-full max-w-sm">
      <h1 className="mb-1 text-xl font-semibold">Reset your password</h1>
      <p className="mb-6 text-sm text-slate-600">We mail you a link to choose a new one.</p>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <Field id="email" label="Email">
          <Input id="email" name="email" type="email" autoComplete="email" required />
        </Field>
        {state.error && <Alert>{state.error}</Alert>}
        {state.sent && <Alert tone="info">If an account uses this address, a reset link is on its way. It works for one hour.</Alert>}
        <Button type="submit" className="w-full" disabled={state.pending}>
          {state.pending && <Loader2 aria-hidden className="animate-spin" />}
          Send reset link
        </Button>
      </form>
      <p className="mt-6 text-center text-sm">
        <Link href="/sign-in" className="text-brand-600 hover:underline">Back to sign in</Link>
      </p>
    </Card>
  );
}

/** Sets the new password with the token from the mailed link. */
export function ResetPasswordForm() {
  const params = useSearchParams();
  const token = params.get("token");
  const linkError = params.get("error");
  const [state, setState] = useState<{ pending: boolean; done: boolean; error: string | null }>({ pending: false, done: false, error: null });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get("password") ?? "");
    if (password.length < MIN_PASSWORD) return setState({ pending: false, done: false, error: `Password is too weak: use at least ${MIN_PASSWORD} characters.` });
    if (password !== String(data.get("confirm") ?? "")) return setState({ pending: false, done: false, error: "The two passwords differ." });
    setState({ pending: true, done: false, error: null });
    const result = await authClient.resetPassword({ newPassword: password, token: token ?? "" });
    setState({ pending: false, done: !result.error, error: result.error ? authErrorMessage(result.error) : null });
  }

  if (!token || linkError) {
    return (
      <Card className="w-full max-w-sm space-y-4">
        <h1 className="text-xl font-semibold">This link does not work</h1>
        <Alert>This reset link is invalid or has expired.</Alert>
        <Link href="/forgot-password" className="text-sm text-brand-600 hover:underline">Ask for a new link</Link>
      </Card>
    );
  }
  return (
    <Card className="w-full max-w-sm">
      <h1 className="mb-6 text-xl font-semibold">Choose a new password</h1>
      {state.done ? (
        <div className="space-y-4">
          <Alert tone="info">Your password was changed. Other devices were signed out.</Alert>
          <Button asChild className="w-full">
            <Link href="/sign-in">Sign in</Link>
          </Button>
        </div>
      ) : (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field id="password" label="New password" hint={`At least ${MIN_PASSWORD} characters`}>
            <Input id="password" name="password" type="password" autoComplete="new-password" required aria-describedby="password-hint" />
          </Field>
          <Field id="confirm" label="Repeat the new password">
            <Input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
          </Field>
          {state.error && <Alert>{state.error}</Alert>}
          <Button type="submit" className="w-full" disabled={state.pending}>
            {state.pending && <Loader2 aria-hidden className="animate-spin" />}
            Set new password
          </Button>
        </form>
      )}
    </Card>
  );
}
