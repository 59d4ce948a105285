"use client";
import { useTranslations } from "next-intl";
import { Loader2 } from "lucide-react";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import type { OccurrenceFormState } from "./actions";

type Values = { date: string; startTime: string; endTime: string };

/** Date, start and end of one occurrence of a series. */
export function OccurrenceForm({ action, initial }: { action: (prev: OccurrenceFormState, form: FormData) => Promise<OccurrenceFormState>; initial: Values }) {
  const t = useTranslations("meetingForm");
  const [state, formAction, pending] = useActionState(action, {});
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="date" label={t("date")} error={errors.date}>
          <Input id="date" name="date" type="date" defaultValue={values.date} required />
        </Field>
        <Field id="startTime" label={t("starts")} error={errors.startTime}>
          <Input id="startTime" name="startTime" type="time" defaultValue={values.startTime} required />
        </Field>
        <Field id="endTime" label={t("ends")} error={errors.endTime}>
          <Input id="endTime" name="endTime" type="time" defaultValue={values.endTime} required />
        </Field>
      </div>
      {state.formError && <Alert>{state.formError}</Alert>}
      <Button type="submit" disabled={pending}>
        {pending && <Loader2 aria-hidden className="animate-spin" />}
        {t("moveOccurrence")}
      </Button>
    </form>
  );
}
