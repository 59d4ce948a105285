import { useTranslations } from "next-intl";
import { describedBy, Field } from "@/components/ui/field";

/** The "Time zone" picker of the meeting and profile forms: every IANA zone, posted as `timeZone`. */
export function TimeZoneField(props: { defaultValue: string; timeZones: string[]; error?: string | undefined; hint?: string | undefined }) {
  const { defaultValue, timeZones, error, hint } = props;
  const t = useTranslations("meetingForm");
  return (
    <Field id="timeZone" label={t("timeZone")} error={error} hint={hint}>
      <select
        id="timeZone"
        name="timeZone"
        defaultValue={defaultValue}
        className="h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm"
        aria-invalid={!!error}
        aria-describedby={describedBy("timeZone", error, hint)}
      >
        {timeZones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </Field>
  );
}
