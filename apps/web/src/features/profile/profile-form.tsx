"use client";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { describedBy, Field, Input } from "@/components/ui/field";
import { TimeZoneField } from "@/features/scheduling/time-zone-field";
import { updateProfileAction } from "./actions";

export function ProfileForm({ name, timeZone, timeZones }: { name: string; timeZone: string; timeZones: string[] }) {
  const t = useTranslations("profile");
  const [state, action, pending] = useActionState(updateProfileAction, {});
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  useEffect(() => setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5">
      <Field id="name" label={t("name")} error={errors.name}>
        <Input id="name" name="name" defaultValue={name} maxLength={80} required aria-invalid={!!errors.name} aria-describedby={describedBy("name", errors.name)} />
      </Field>
      <TimeZoneField
        defaultValue={timeZone}
        timeZones={timeZones}
        hint={browserZone && browserZone !== timeZone ? t("browserZone", { zone: browserZone }) : undefined}
        error={errors.timeZone}
      />
      {state.saved && <Alert tone="info">{t("saved")}</Alert>}
      <Button type="submit" disabled={pending}>
        {pending && <Loader2 aria-hidden className="animate-spin" />}
        {t("save")}
      </Button>
    </form>
  );
}
