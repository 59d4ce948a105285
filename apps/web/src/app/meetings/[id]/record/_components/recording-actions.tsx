"use client";
import { useTranslations } from "next-intl";
import { Loader2, RotateCcw, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { deleteRecordingAction, retryRecordingAction } from "@/features/meeting-record/actions";

/** Deletes a recording after a confirmation: the file is gone for good. */
export function DeleteRecordingButton({ recordingId, label }: { recordingId: string; label: string }) {
  const t = useTranslations("recordings");
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={t("deleteLabel", { label })}>
          <Trash2 aria-hidden /> {t("delete")}
        </Button>
      }
      title={t("deleteTitle")}
      description={t("deleteText", { label })}
      cancelLabel={t("keep")}
      actions={[{ label: t("deleteConfirm"), run: async () => (await deleteRecordingAction(recordingId)).error }]}
    />
  );
}

/** Processes a failed recording again. */
export function RetryRecordingButton({ recordingId }: { recordingId: string }) {
  const t = useTranslations("recordings");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await retryRecordingAction(recordingId);
            setError(result.error ?? null);
          })
        }
      >
        {pending ? <Loader2 aria-hidden className="animate-spin" /> : <RotateCcw aria-hidden />} {t("retry")}
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
