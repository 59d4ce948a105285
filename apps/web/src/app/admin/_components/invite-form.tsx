"use client";
import { useTranslations } from "next-intl";
import { Loader2, MailPlus } from "lucide-react";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { inviteAction } from "@/features/operator/actions";

export function InviteForm() {
  const t = useTranslations("admin");
  const [state, action, pending] = useActionState(inviteAction, null);
  return (
    <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-end" noValidate>
      <div className="flex-1">
        <Field id="invite-email" label={t("inviteLabel")}>
          <Input id="invite-email" name="email" type="email" autoComplete="off" required maxLength={320} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Loader2 aria-hidden className="animate-spin" /> : <MailPlus aria-hidden />} {t("invite")}
      </Button>
      {state && !state.ok && <Alert>{state.error}</Alert>}
    </form>
  );
}
