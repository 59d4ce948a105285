"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Loader2, RotateCcw, Trash2 } from "lucide-react";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { deleteRecordingAction, retryRecordingAction } from "@/features/meeting-record/actions";

/** Deletes a recording after a confirmation: the file is gone for good. */
export function DeleteRecordingButton({ recordingId, label }: { recordingId: string; label: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Delete recording of ${label}`}>
          <Trash2 aria-hidden /> Delete
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Delete this recording?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">
            The recording of {label} is deleted for good. Attendance and chat stay.
          </Dialog.Description>
          {error && <Alert className="mt-4">{error}</Alert>}
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Keep recording</Button>
            </Dialog.Close>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  const result = await deleteRecordingAction(recordingId);
                  if (result.error) setError(result.error);
                  else setOpen(false);
                })
              }
            >
              {pending && <Loader2 aria-hidden className="animate-spin" />}
              Delete recording
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Processes a failed recording again. */
export function RetryRecordingButton({ recordingId }: { recordingId: string }) {
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
        {pending ? <Loader2 aria-hidden className="animate-spin" /> : <RotateCcw aria-hidden />} Retry
      </Button>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
