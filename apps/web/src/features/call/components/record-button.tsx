"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Circle, Square } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";

/**
 * The record control of the host and co-hosts. Starting asks first (everyone in the call is told); stopping is immediate, as
 * stopping a recording by mistake costs less than starting one nobody agreed to.
 */
export function RecordButton({ recording, pending, onStart, onStop }: { recording: boolean; pending: boolean; onStart: () => void; onStop: () => void }) {
  const [open, setOpen] = useState(false);
  const round = "relative flex size-11 items-center justify-center rounded-full transition-colors disabled:opacity-40 sm:size-12 [&_svg]:size-5";
  if (recording) {
    return (
      <button type="button" aria-label="Stop recording" title="Stop recording" disabled={pending} onClick={onStop} className={cn(round, "bg-red-600 text-white hover:bg-red-700")}>
        <Square aria-hidden className="fill-current" />
      </button>
    );
  }
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <button type="button" aria-label="Record" title="Record" disabled={pending} className={cn(round, "bg-slate-700 text-white hover:bg-slate-600")}>
          <Circle aria-hidden className="fill-red-500 text-red-500" />
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/60" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 text-slate-900 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">Record this meeting?</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">
            Everyone will be told: people in the call see that it is being recorded, and people joining later are told before they
            enter. The recording appears on the meeting's record page when it has been processed.
          </Dialog.Description>
          <div className="mt-6 flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Cancel</Button>
            </Dialog.Close>
            <Button
              variant="danger"
              onClick={() => {
                setOpen(false);
                onStart();
              }}
            >
              Start recording
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
