"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Loader2 } from "lucide-react";
import { useState, useTransition, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";

/** One way to confirm. `run` resolves with an error to show, or nothing when done (the dialog then closes). */
export type ConfirmAction = {
  label: string;
  run: () => Promise<string | null | undefined | void>;
  variant?: ButtonProps["variant"];
};

type Props = {
  title: ReactNode;
  description: ReactNode;
  /** The button that keeps things as they are ("Keep meeting", "Go back"). */
  cancelLabel: string;
  /** The confirming buttons, least drastic first; the last one is where the eye ends. */
  actions: readonly ConfirmAction[];
  /** Opens the dialog; leave it out to control `open` from outside. */
  trigger?: ReactNode;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
};

/**
 * The confirmation before anything that cannot be undone: an accessible modal dialog (focus trapped, Esc and the
 * cancel button keep things as they are), a spinner while the action runs, its error shown in place.
 */
export function ConfirmDialog({ title, description, cancelLabel, actions, trigger, open: controlledOpen, onOpenChange }: Props) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<string | null>(null);
  const setOpen = (next: boolean) => {
    setError(null);
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  const run = (action: ConfirmAction) => {
    setRunning(action.label);
    startTransition(async () => {
      const failure = await action.run();
      if (failure) setError(failure);
      else setOpen(false);
    });
  };
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      {trigger && <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>}
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 text-slate-900 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{description}</Dialog.Description>
          {error && <Alert className="mt-4">{error}</Alert>}
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">{cancelLabel}</Button>
            </Dialog.Close>
            {actions.map((action) => (
              <Button key={action.label} variant={action.variant ?? "danger"} disabled={pending} onClick={() => run(action)}>
                {pending && running === action.label && <Loader2 aria-hidden className="animate-spin" />}
                {action.label}
              </Button>
            ))}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
