import type { RsvpStatus } from "@parley/db";
import { useTranslations } from "next-intl";

const TONE: Record<RsvpStatus, string> = {
  NEEDS_ACTION: "text-slate-500",
  ACCEPTED: "text-green-700",
  TENTATIVE: "text-amber-700",
  DECLINED: "text-red-700",
};

/** Each invitee's answer (from the RSVP links in their invitation), for the host. */
export function RsvpSummary({ invitees }: { invitees: { email: string; rsvp: RsvpStatus }[] }) {
  const t = useTranslations("rsvpSummary");
  if (invitees.length === 0) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs" aria-label={t("label")}>
      {invitees.map((invitee) => (
        <li key={invitee.email} data-testid="rsvp-status" data-email={invitee.email}>
          <span className="text-slate-700">{invitee.email}</span>: <span className={TONE[invitee.rsvp]}>{t(invitee.rsvp)}</span>
        </li>
      ))}
    </ul>
  );
}
