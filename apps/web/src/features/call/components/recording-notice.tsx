import { useTranslations } from "next-intl";

/** Told before entering (join page, lobby): the meeting is being recorded right now. */
export function RecordingNotice() {
  const t = useTranslations("record");
  return (
    <div role="status" data-testid="recording-notice" className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <span aria-hidden className="mt-1.5 size-2.5 shrink-0 rounded-full bg-red-500" />
      <span>
        {t.rich("notice", { strong: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
      </span>
    </div>
  );
}
