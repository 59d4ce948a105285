"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Loader2, X } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { cancelMeetingAction, cancelOccurrenceAction } from "@/features/scheduling/actions";

/**
 * Cancels a meeting after a confirmation. For an occurrence of a series (`occurrence`: its original start, ISO,
 * and how it reads) the host chooses between this occurrence and the whole series.
 */
export function CancelMeetingButton({ meetingId, title, occurrence }: { meetingId: string; title: string; occurrence?: { start: string; label: string } }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Cancel ${title}`}>
          <X aria-hidden /> Cancel
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Cancel “{title}”?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">
            {occurrence
              ? `Cancel only the meeting on ${occurrence.label}, or every meeting of the series. Invitees get a calendar update.`
              : "Guests will see that the meeting was cancelled. Its history is kept."}
          </Dialog.Description>
          {error && <Alert className="mt-4">{error}</Alert>}
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Keep meeting</Button>
            </Dialog.Close>
            {occurrence && (
              <Button
                variant="danger"
                disabled={pending}
                onClick={() =>
                  startTransition(async () => {
                    const result = await cancelOccurrenceAction(meetingId, occurrence.start);
                    if (result.error) setError(result.error);
                    else setOpen(false);
                  })
                }
              >
                This occurrence
              </Button>
            )}
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await cancelMeetingAction(meetingId);
                  if (result.error) setError(result.error);
                  else setOpen(false);
                })
              }
            >
              {pending && <Loader2 aria-hidden className="animate-spin" />}
              {occurrence ? "The whole series" : "Cancel meeting"}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
