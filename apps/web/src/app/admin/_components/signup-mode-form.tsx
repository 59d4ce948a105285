"use client";
import { useTranslations } from "next-intl";
import { Loader2 } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { setSignupModeAction } from "@/features/operator/actions";

const CHOICES = ["", "open", "invite", "closed"] as const;

/** Overrides SIGNUP_MODE at runtime; "" goes back to the environment's value. */
export function SignupModeForm({ override, envMode }: { override: string; envMode: string }) {
  const t = useTranslations("admin");
  const [value, setValue] = useState(override);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await setSignupModeAction(value);
          setMessage(result.ok ? { ok: true, text: t("saved") } : { ok: false, text: result.error });
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-900">{t("who")}</legend>
        {CHOICES.map((choice) => (
          <label key={choice || "env"} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600">
            <input type="radio" name="signupMode" value={choice} checked={value === choice} onChange={() => setValue(choice)} className="mt-1" />
            <span>
              <span className="block text-sm font-medium">{t(`mode.${choice || "env"}.label`, { mode: envMode })}</span>
              <span className="block text-sm text-slate-600">{t(`mode.${choice || "env"}.text`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending && <Loader2 aria-hidden className="animate-spin" />} {t("saveMode")}
        </Button>
        {message && (message.ok ? <span role="status" className="text-sm text-slate-600">{message.text}</span> : <Alert>{message.text}</Alert>)}
      </div>
    </form>
  );
}
