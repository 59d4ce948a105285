/** Told before entering (join page, lobby): the meeting is being recorded right now. */
export function RecordingNotice() {
  return (
    <div role="status" data-testid="recording-notice" className="flex items-start gap-2 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
      <span aria-hidden className="mt-1.5 size-2.5 shrink-0 rounded-full bg-red-500" />
      <span>
        <strong className="font-semibold">This meeting is being recorded.</strong> If you join, your camera, microphone and screen
        share are recorded too.
      </span>
    </div>
  );
}
