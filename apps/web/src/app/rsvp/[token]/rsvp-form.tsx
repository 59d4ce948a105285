"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { RsvpAnswer } from "@/features/notifications/rsvp";
import { answerRsvpAction, type RsvpFormState } from "@/features/notifications/rsvp-actions";
import { RSVP_REFUSALS } from "./refusals";

const CONFIRMATION: Record<RsvpAnswer, string> = {
  accepted: "You accepted. The host has been told you will attend.",
  tentative: "You answered maybe. The host sees that you might attend.",
  declined: "You declined. The host sees that you cannot attend.",
};

export function RsvpForm({ token, suggested }: { token: string; suggested: RsvpAnswer | null }) {
  const [state, action, pending] = useActionState<RsvpFormState, FormData>(answerRsvpAction.bind(null, token), {});
  return (
    <form action={action} className="space-y-4">
      {state.answered && <Alert tone="info">{CONFIRMATION[state.answered]}</Alert>}
      {state.error && <Alert>{RSVP_REFUSALS[state.error]}</Alert>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="answer" value="accepted" disabled={pending} variant={suggested === "accepted" || !suggested ? "primary" : "secondary"}>
          Accept
        </Button>
        <Button type="submit" name="answer" value="tentative" disabled={pending} variant={suggested === "tentative" ? "primary" : "secondary"}>
          Maybe
        </Button>
        <Button type="submit" name="answer" value="declined" disabled={pending} variant={suggested === "declined" ? "primary" : "secondary"}>
          Decline
        </Button>
      </div>
    </form>
  );
}
