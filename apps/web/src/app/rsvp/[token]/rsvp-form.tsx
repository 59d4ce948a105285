"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { RsvpAnswer } from "@/features/notifications/rsvp";
import { answerRsvpAction, type RsvpFormState } from "@/features/notifications/rsvp-actions";

export function RsvpForm({ token, suggested }: { token: string; suggested: RsvpAnswer | null }) {
  const t = useTranslations("rsvp");
  const [state, action, pending] = useActionState<RsvpFormState, FormData>(answerRsvpAction.bind(null, token), {});
  return (
    <form action={action} className="space-y-4">
      {state.answered && <Alert tone="info">{t(`confirmation.${state.answered}`)}</Alert>}
      {state.error && <Alert>{t(`refusal.${state.error}`)}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="answer" value="accepted" disabled={pending} variant={suggested === "accepted" || !suggested ? "primary" : "secondary"}>
          {t("accept")}
        </Button>
        <Button type="submit" name="answer" value="tentative" disabled={pending} variant={suggested === "tentative" ? "primary" : "secondary"}>
          {t("maybe")}
        </Button>
        <Button type="submit" name="answer" value="declined" disabled={pending} variant={suggested === "declined" ? "primary" : "secondary"}>
          {t("decline")}
        </Button>
      </div>
    </form>
  );
}
