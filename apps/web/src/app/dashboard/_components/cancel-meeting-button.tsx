"use client";
import { X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, type ConfirmAction } from "@/components/ui/confirm-dialog";
import { cancelMeetingAction, cancelOccurrenceAction } from "@/features/scheduling/actions";

/**
 * Cancels a meeting after a confirmation. For an occurrence of a series (`occurrence`: its original start, ISO,
 * and how it reads) the host chooses between this occurrence and the whole series.
 */
export function CancelMeetingButton({ meetingId, title, occurrence }: { meetingId: string; title: string; occurrence?: { start: string; label: string } }) {
  const whole: ConfirmAction = {
    label: occurrence ? "The whole series" : "Cancel meeting",
    run: async () => (await cancelMeetingAction(meetingId)).error,
  };
  const actions: ConfirmAction[] = occurrence
    ? [{ label: "This occurrence", run: async () => (await cancelOccurrenceAction(meetingId, occurrence.start)).error }, whole]
    : [whole];
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Cancel ${title}`}>
          <X aria-hidden /> Cancel
        </Button>
      }
      title={`Cancel “${title}”?`}
      description={
        occurrence
          ? `Cancel only the meeting on ${occurrence.label}, or every meeting of the series. Invitees get a calendar update.`
          : "Guests will see that the meeting was cancelled. Its history is kept."
      }
      cancelLabel="Keep meeting"
      actions={actions}
    />
  );
}
