"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Loader2 } from "lucide-react";
import { useState, useTransition, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { AdminResult } from "@/features/operator/admin-service";

type Confirm = { title: string; text: string; confirmLabel: string };

/** One admin action (a bound server action); destructive ones ask first in an accessible dialog. */
export function AdminActionButton(props: {
  action: () => Promise<AdminResult>;
  children: ReactNode;
  label: string;
  variant?: ButtonProps["variant"];
  confirm?: Confirm;
}) {
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      const result = await props.action();
      if (result.ok) {
        setError(null);
        setOpen(false);
      } else setError(result.error);
    });

  if (!props.confirm) {
    return (
      <span className="inline-flex flex-col items-start gap-1">
        <Button size="sm" variant={props.variant ?? "secondary"} aria-label={props.label} disabled={pending} onClick={run}>
          {pending && <Loader2 aria-hidden className="animate-spin" />}
          {props.children}
        </Button>
        {error && <Alert className="text-xs">{error}</Alert>}
      </span>
    );
  }
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (setOpen(next), setError(null))}>
      <Dialog.Trigger asChild>
        <Button size="sm" variant={props.variant ?? "secondary"} aria-label={props.label}>
          {props.children}
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl">
          <Dialog.Title className="text-lg font-semibold">{props.confirm.title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-600">{props.confirm.text}</Dialog.Description>
          {error && <Alert className="mt-4">{error}</Alert>}
          <div className="mt-6 flex flex-wrap justify-end gap-2">
            <Dialog.Close asChild>
              <Button variant="secondary">Go back</Button>
            </Dialog.Close>
            <Button variant="danger" disabled={pending} onClick={run}>
              {pending && <Loader2 aria-hidden className="animate-spin" />}
              {props.confirm.confirmLabel}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
