"use client";
import { useTranslations } from "next-intl";
import { Loader2 } from "lucide-react";
import { useState, useTransition, type ReactNode } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
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
  const t = useTranslations("admin");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = () =>
    startTransition(async () => {
      const result = await props.action();
      setError(result.ok ? null : result.error);
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
    <ConfirmDialog
      trigger={
        <Button size="sm" variant={props.variant ?? "secondary"} aria-label={props.label}>
          {props.children}
        </Button>
      }
      title={props.confirm.title}
      description={props.confirm.text}
      cancelLabel={t("goBack")}
      actions={[
        {
          label: props.confirm.confirmLabel,
          run: async () => {
            const result = await props.action();
            return result.ok ? null : result.error;
          },
        },
      ]}
    />
  );
}
