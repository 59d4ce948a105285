"use client";
import { KeyRound, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { authClient } from "./auth-client";

/** Starts OpenID Connect sign-in; better-auth sends the browser to the identity provider and back to `next`. */
export function SsoButton({ label, next }: { label: string; next: string }) {
  const t = useTranslations("auth");
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <div className="space-y-2">
      <Button
        type="button"
        variant="secondary"
        className="w-full"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setFailed(false);
          // NOTE: on success the browser leaves this page; errors come back as /sign-in?error=<code>.
          const result = await authClient.signIn.social({ provider: "oidc", callbackURL: next, errorCallbackURL: "/sign-in" });
          if (result.error) {
            setFailed(true);
            setPending(false);
          }
        }}
      >
        {pending ? <Loader2 aria-hidden className="animate-spin" /> : <KeyRound aria-hidden />}
        {label}
      </Button>
      {failed && <Alert>{t("ssoUnreachable")}</Alert>}
    </div>
  );
}
