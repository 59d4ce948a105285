import { useTranslations } from "next-intl";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatDuration } from "@/features/meeting-record/attendance";
import type { RecordingView } from "@/features/meeting-record/service";
import { formatTime } from "@/lib/format";
import { DeleteRecordingButton, RetryRecordingButton } from "./recording-actions";
import { RefreshWhile } from "./refresh-while";

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function StateLine({ recording }: { recording: RecordingView }) {
  const t = useTranslations("recordings");
  switch (recording.state) {
    case "RECORDING":
      return (
        <p className="flex items-center gap-2 text-sm font-medium text-red-700">
          <span aria-hidden className="size-2.5 animate-pulse rounded-full bg-red-500" /> {t("now")}
        </p>
      );
    case "PROCESSING":
      return (
        <div className="space-y-1">
          <p className="text-sm text-slate-700">{t("processing", { progress: recording.progress })}</p>
          <progress className="h-2 w-full max-w-xs" max={100} value={recording.progress} aria-label={t("progress")} />
        </div>
      );
    case "READY":
      return (
        <p className="text-sm text-slate-600">
          {t("ready")}
          {recording.durationMs !== null && ` · ${formatDuration(recording.durationMs)}`}
          {recording.sizeBytes !== null && ` · ${formatSize(recording.sizeBytes)}`}
        </p>
      );
    case "FAILED":
      return (
        <p className="text-sm text-red-700">
          {recording.failureReason ? t("failedBecause", { reason: recording.failureReason }) : t("failed")}
        </p>
      );
  }
}

/** The recordings of one occurrence: state, progress, and for finished ones a player, download, retry and delete. */
export function RecordingsSection({ recordings, zone }: { recordings: RecordingView[]; zone: string }) {
  const t = useTranslations("recordings");
  const busy = recordings.some((r) => r.state === "RECORDING" || r.state === "PROCESSING");
  return (
    <section aria-labelledby="recordings-heading" className="space-y-3">
      <h2 id="recordings-heading" className="text-lg font-medium">
        {t("heading")}
      </h2>
      <RefreshWhile active={busy} />
      {recordings.length === 0 ? (
        <Card className="text-sm text-slate-600">{t("none")}</Card>
      ) : (
        <ul className="space-y-4">
          {recordings.map((r) => {
            const label = `${formatTime(r.startedAt, zone)}${r.stoppedAt ? `–${formatTime(r.stoppedAt, zone)}` : ""}`;
            const file = `/api/recordings/${r.id}/file`;
            return (
              <li key={r.id} data-testid="recording" data-state={r.state} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div className="space-y-1">
                    <h3 className="font-medium">
                      <time dateTime={r.startedAt.toISOString()}>{label}</time>
                      <span className="font-normal text-slate-600"> · {t("startedBy", { name: r.startedByName })}</span>
                    </h3>
                    <StateLine recording={r} />
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {r.state === "READY" && (
                      <Button asChild variant="secondary" size="sm">
                        <a href={`${file}?download=1`} download>
                          <Download aria-hidden /> {t("download")}
                        </a>
                      </Button>
                    )}
                    {r.state === "FAILED" && <RetryRecordingButton recordingId={r.id} />}
                    {(r.state === "READY" || r.state === "FAILED") && <DeleteRecordingButton recordingId={r.id} label={label} />}
                  </div>
                </div>
                {r.state === "READY" && (
                  // NOTE: preload="metadata": the browser fetches the first range only, the rest as it plays or seeks.
                  <video controls preload="metadata" src={file} className="aspect-video w-full rounded-lg bg-slate-900" aria-label={t("videoLabel", { label })} />
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
