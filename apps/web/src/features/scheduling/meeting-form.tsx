"use client";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import type { MeetingFormState } from "./actions";
import type { MeetingFormValues } from "./form-data";
import { InviteesField } from "./invitees-field";
import { generatePasscode } from "./passcode-rules";
import { REMINDER_CHOICES } from "./reminder-choices";
import { TimeZoneField } from "./time-zone-field";

const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

const select = "h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm";

type Props = {
  action: (state: MeetingFormState, form: FormData) => Promise<MeetingFormState>;
  initial: MeetingFormValues;
  timeZones: string[];
  submitLabel: string;
  hasPasscode?: boolean;
};

/** Schedule / edit form. Works without JavaScript too (server action); errors come back per field. */
export function MeetingForm({ action, initial, timeZones, submitLabel, hasPasscode = false }: Props) {
  const t = useTranslations("meetingForm");
  const [state, formAction, pending] = useActionState(action, {});
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  const [frequency, setFrequency] = useState(values.frequency);
  const [endType, setEndType] = useState(values.endType);
  // NOTE: `key` re-mounts the fields with the echoed values after a refused submit.
  const key = JSON.stringify(state.values ?? null);

  return (
    <form action={formAction} className="space-y-5" key={key} noValidate>
      <Field id="title" label={t("title")} error={errors.title}>
        <Input id="title" name="title" defaultValue={values.title} required maxLength={200} aria-invalid={!!errors.title} aria-describedby={describedBy("title", errors.title)} />
      </Field>
      <Field id="description" label={t("description")} error={errors.description}>
        <Textarea id="description" name="description" defaultValue={values.description} maxLength={5000} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="date" label={t("date")} error={errors.date}>
          <Input id="date" name="date" type="date" defaultValue={values.date} required aria-invalid={!!errors.date} aria-describedby={describedBy("date", errors.date)} />
        </Field>
        <Field id="startTime" label={t("starts")} error={errors.startTime}>
          <Input id="startTime" name="startTime" type="time" defaultValue={values.startTime} required aria-invalid={!!errors.startTime} aria-describedby={describedBy("startTime", errors.startTime)} />
        </Field>
        <Field id="endTime" label={t("ends")} error={errors.endTime}>
          <Input id="endTime" name="endTime" type="time" defaultValue={values.endTime} required aria-invalid={!!errors.endTime} aria-describedby={describedBy("endTime", errors.endTime)} />
        </Field>
      </div>
      <TimeZoneField defaultValue={values.timeZone} timeZones={timeZones} error={errors.timeZone} />

      <fieldset className="space-y-3 rounded-lg border border-slate-200 p-4">
        <legend className="px-1 text-sm font-medium">{t("repeat")}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="frequency" label={t("frequency")}>
            <select id="frequency" name="frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as typeof frequency)} className={select}>
              <option value="none">{t("once")}</option>
              <option value="daily">{t("daily")}</option>
              <option value="weekly">{t("weekly")}</option>
              <option value="monthly">{t("monthly")}</option>
            </select>
          </Field>
          {frequency !== "none" && (
            <Field id="interval" label={t("interval")}>
              <Input id="interval" name="interval" type="number" min={1} max={99} defaultValue={values.interval} />
            </Field>
          )}
        </div>
        {frequency === "weekly" && (
          <div role="group" aria-label={t("weekdays")} aria-describedby="weekdays-hint" className="flex flex-wrap gap-2">
            {WEEKDAYS.map((code) => (
              <label key={code} className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm has-checked:border-brand-500 has-checked:bg-brand-50">
                <input type="checkbox" name="weekdays" value={code} defaultChecked={values.weekdays.includes(code)} />
                {t(`weekday.${code}`)}
              </label>
            ))}
            <p id="weekdays-hint" className="w-full text-xs text-slate-500">
              {t("weekdaysHint")}
            </p>
          </div>
        )}
        {frequency !== "none" && (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="endType" label={t("seriesEnds")}>
              <select id="endType" name="endType" value={endType} onChange={(e) => setEndType(e.target.value as typeof endType)} className={select}>
                <option value="never">{t("never")}</option>
                <option value="count">{t("afterCount")}</option>
                <option value="until">{t("onDate")}</option>
              </select>
            </Field>
            {endType === "count" && (
              <Field id="count" label={t("count")}>
                <Input id="count" name="count" type="number" min={1} max={730} defaultValue={values.count} />
              </Field>
            )}
            {endType === "until" && (
              <Field id="untilDate" label={t("lastDay")}>
                <Input id="untilDate" name="untilDate" type="date" defaultValue={values.untilDate} />
              </Field>
            )}
          </div>
        )}
        {errors.rrule && <Alert>{errors.rrule}</Alert>}
      </fieldset>

      <InviteesField invitees={values.invitees} cohosts={values.cohosts} errors={{ invitees: errors.invitees, cohosts: errors.cohosts }} />
      <Field id="reminder" label={t("reminder")} hint={t("reminderHint")}>
        <select id="reminder" name="reminder" defaultValue={values.reminder} className={select} aria-describedby="reminder-hint">
          {REMINDER_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {t(`reminderChoice.${choice.value}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="lobbyEnabled" defaultChecked={values.lobbyEnabled} className="mt-0.5" />
          <span>
            <span className="font-medium">{t("lobby")}</span>
            <span className="block text-slate-500">{t("lobbyHint")}</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="largeMeeting" defaultChecked={values.largeMeeting} className="mt-0.5" />
          <span>
            <span className="font-medium">{t("large")}</span>
            <span className="block text-slate-500">{t("largeHint")}</span>
          </span>
        </label>
        <Field
          id="passcode"
          label={t("passcode")}
          hint={hasPasscode ? t("passcodeKeep") : t("passcodeHint")}
          error={errors.passcode}
        >
          <div className="flex gap-2">
            <Input
              id="passcode"
              name="passcode"
              autoComplete="off"
              minLength={6}
              maxLength={32}
              pattern="[A-Za-z0-9]{6,32}"
              defaultValue={values.passcode}
              aria-invalid={!!errors.passcode}
              aria-describedby={describedBy("passcode", errors.passcode, "hint")}
            />
            <Button
              type="button"
              variant="secondary"
              onClick={(event) => {
                const input = event.currentTarget.form?.elements.namedItem("passcode");
                if (input instanceof HTMLInputElement) input.value = generatePasscode();
              }}
            >
              {t("generate")}
            </Button>
          </div>
          {hasPasscode && <input type="hidden" name="keepPasscode" value="on" />}
        </Field>
      </div>
      {state.formError && <Alert>{state.formError}</Alert>}
      <Button type="submit" disabled={pending}>
        {pending && <Loader2 aria-hidden className="animate-spin" />}
        {submitLabel}
      </Button>
    </form>
  );
}
