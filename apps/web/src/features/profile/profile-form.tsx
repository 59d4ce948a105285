"use client";
import { Loader2 } from "lucide-react";
import { useActionState, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { describedBy, Field, Input } from "@/components/ui/field";
import { updateProfileAction } from "./actions";

export function ProfileForm({ name, timeZone, timeZones }: { name: string; timeZone: string; timeZones: string[] }) {
  const [state, action, pending] = useActionState(updateProfileAction, {});
  const [browserZone, setBrowserZone] = useState<string | null>(null);
  useEffect(() => setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-5">
      <Field id="name" label="Display name" error={errors.name}>
        <Input id="name" name="name" defaultValue={name} maxLength={80} required aria-invalid={!!errors.name} aria-describedby={describedBy("name", errors.name)} />
      </Field>
      <Field
        id="timeZone"
        label="Time zone"
        hint={browserZone && browserZone !== timeZone ? `Your browser is in ${browserZone}` : undefined}
        error={errors.timeZone}
      >
        <select id="timeZone" name="timeZone" defaultValue={timeZone} className="h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm">
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </Field>
      {state.saved && <Alert tone="info">Profile saved.</Alert>}
      <Button type="submit" disabled={pending}>
        {pending && <Loader2 aria-hidden className="animate-spin" />}
        Save
      </Button>
    </form>
  );
}
