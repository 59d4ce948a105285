"use client";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, type ConfirmAction } from "@/components/ui/confirm-dialog";
import { cancelMeetingAction, cancelOccurrenceAction } from "@/features/scheduling/actions";

/**
 * Cancels a meeting after a confirmation. For an occurrence of a series (`occurrence`: its original start, ISO,
 * and how it reads) the host chooses between this occurrence and the whole series.
 */
export function CancelMeetingButton({ meetingId, title, occurrence }: { meetingId: string; title: string; occurrence?: { start: string; label: string } }) {
  const t = useTranslations("cancelMeeting");
  const whole: ConfirmAction = {
    label: occurrence ? t("wholeSeries") : t("confirm"),
    run: async () => (await cancelMeetingAction(meetingId)).error,
  };
  const actions: ConfirmAction[] = occurrence
    ? [{ label: t("thisOccurrence"), run: async () => (await cancelOccurrenceAction(meetingId, occurrence.start)).error }, whole]
    : [whole];
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={t("trigger", { title })}>
          <X aria-hidden /> {t("cancel")}
        </Button>
      }
      title={t("title", { title })}
      description={
        occurrence
          ? t("occurrenceText", { occurrence: occurrence.label })
          : t("text")
      }
      cancelLabel={t("keep")}
      actions={actions}
    />
  );
}
