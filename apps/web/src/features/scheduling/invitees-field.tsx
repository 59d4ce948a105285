"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { describedBy, Field, Textarea } from "@/components/ui/field";
import { splitInvitees } from "./meeting-input";

type Props = {
  invitees: string;
  cohosts: string[];
  errors: { invitees?: string | undefined; cohosts?: string | undefined };
};

/**
 * The invitee addresses, and a "Co-host" checkbox for each one as it is typed: a co-host invitee who signs in with
 * that (verified) address joins with the host controls. The server checks that every co-host is an invitee.
 */
export function InviteesField({ invitees, cohosts, errors }: Props) {
  const t = useTranslations("meetingForm");
  const [text, setText] = useState(invitees);
  const [ticked, setTicked] = useState(() => new Set(cohosts.map((email) => email.toLowerCase())));
  const addresses = [...new Set(splitInvitees(text).map((email) => email.toLowerCase()))];
  const toggle = (email: string, on: boolean) =>
    setTicked((current) => {
      const next = new Set(current);
      if (on) next.add(email);
      else next.delete(email);
      return next;
    });

  return (
    <>
      <Field id="invitees" label={t("invitees")} hint={t("inviteesHint")} error={errors.invitees}>
        <Textarea
          id="invitees"
          name="invitees"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={!!errors.invitees}
          aria-describedby={describedBy("invitees", errors.invitees, "hint")}
        />
      </Field>
      {addresses.length > 0 && (
        <fieldset className="space-y-1.5" aria-describedby={errors.cohosts ? "cohosts-error" : "cohosts-hint"}>
          <legend className="text-sm font-medium text-slate-800">{t("cohosts")}</legend>
          <p id="cohosts-hint" className="text-xs text-slate-500">
            {t("cohostsHint")}
          </p>
          <ul className="space-y-1">
            {addresses.map((email) => (
              <li key={email}>
                <label className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="cohosts" value={email} checked={ticked.has(email)} onChange={(event) => toggle(email, event.target.checked)} />
                  <span className="truncate">{email}</span>
                  <span className="sr-only">{t("isCohost")}</span>
                </label>
              </li>
            ))}
          </ul>
          {errors.cohosts && (
            <p id="cohosts-error" role="alert" className="text-xs text-red-600">
              {errors.cohosts}
            </p>
          )}
        </fieldset>
      )}
    </>
  );
}
