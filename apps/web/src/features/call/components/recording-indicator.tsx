"use client";
import { useTranslations } from "next-intl";

/**
 * "Recording" with a red dot while the call is recorded. The live region is always rendered so screen readers
 * announce the change when recording starts or stops (a region that appears with its text is often not read).
 */
export function RecordingIndicator({ recording }: { recording: boolean }) {
  const t = useTranslations("record");
  return (
    <div aria-live="polite" aria-atomic="true" className="shrink-0">
      {recording && (
        <span
          data-testid="recording-indicator"
          className="flex items-center gap-1.5 rounded-full bg-red-600/20 px-2.5 py-0.5 text-sm font-medium text-red-200"
        >
          <span aria-hidden className="size-2.5 animate-pulse rounded-full bg-red-500" />
          {t("indicator")}
        </span>
      )}
    </div>
  );
}
