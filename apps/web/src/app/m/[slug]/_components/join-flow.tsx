"use client";
import { Hourglass, Video } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { InCall } from "@/features/call/components/in-call";
import { PreJoin } from "@/features/call/components/pre-join";
import { RecordingNotice } from "@/features/call/components/recording-notice";
import { endedMessage } from "@/features/call/messages";
import { useCallSession } from "@/features/call/use-call-session";
import { useLocalMedia } from "@/features/call/use-local-media";

export type JoinMeetingInfo = {
  title: string;
  hostName: string;
  when: string;
  /** Where the schedule stands ("Starts in 2 hours. You can join now…"), or null while it runs. */
  schedule: string | null;
  recurrence: string | null;
  hasPasscode: boolean;
  lobbyEnabled: boolean;
  /** Being recorded right now (from the database when the page was rendered). */
  recording: boolean;
};

type Viewer = { name: string; isHost: boolean } | null;

/** /m/<slug>: pre-join (preview, devices, name, passcode) → lobby → call → a clear ending. */
/** `preferences`: the language and theme switches (rendered by the server page: a guest has no header). */
export function JoinFlow({
  slug,
  meeting,
  viewer,
  preferences,
}: {
  slug: string;
  meeting: JoinMeetingInfo;
  viewer: Viewer;
  preferences?: ReactNode;
}) {
  const t = useTranslations("join");
  const tm = useTranslations("callMessages");
  const local = useLocalMedia();
  const session = useCallSession(slug, local.media);
  const { phase, call, snapshot } = session;

  if (phase.kind === "in-call" && call && snapshot) {
    return <InCall call={call} snapshot={snapshot} title={meeting.title} />;
  }
  if (phase.kind === "ended") {
    const message = endedMessage(tm, phase.reason);
    return (
      <main className="flex min-h-dvh items-center justify-center px-4">
        <Card className="max-w-md text-center" data-testid="call-ended">
          <h1 className="text-xl font-semibold">{message.title}</h1>
          <p className="mt-2 text-sm text-slate-600">{message.text}</p>
          <div className="mt-6 flex justify-center gap-2">
            {(phase.reason === "left" || phase.reason === "connection_lost" || phase.reason === "removed_by_host") && (
              <Button onClick={() => window.location.reload()}>{phase.reason === "removed_by_host" ? t("askAgain") : t("rejoin")}</Button>
            )}
            <Button asChild variant="secondary">
              <Link href={viewer ? "/dashboard" : "/"}>{viewer ? t("backToDashboard") : t("goHome")}</Link>
            </Button>
          </div>
        </Card>
      </main>
    );
  }
  if (phase.kind === "waiting") {
    return (
      <main className="flex min-h-dvh items-center justify-center px-4">
        <Card className="max-w-md text-center" data-testid="lobby-waiting">
          <Hourglass aria-hidden className="mx-auto size-8 text-brand-600" />
          <h1 className="mt-3 text-xl font-semibold">{t("waitingTitle")}</h1>
          <p className="mt-2 text-sm text-slate-600">{t("waitingText", { title: meeting.title, host: meeting.hostName })}</p>
          {snapshot?.room?.recording && (
            <div className="mt-4 text-left">
              <RecordingNotice />
            </div>
          )}
          <Button variant="secondary" className="mt-6" onClick={() => call?.close()}>
            {t("leave")}
          </Button>
        </Card>
      </main>
    );
  }

  return (
    <main className="relative mx-auto grid min-h-dvh max-w-5xl items-center gap-8 px-4 py-8 lg:grid-cols-[1fr_22rem]">
      {preferences && <div className="absolute top-3 right-4">{preferences}</div>}
      <section aria-label={t("devices")}>
        <PreJoin
          media={local.media}
          state={local.state}
          devices={local.devices}
          mediaErrors={local.errors}
          mediaReady={local.ready}
          defaultName={viewer?.name ?? ""}
          askPasscode={(meeting.hasPasscode && !viewer?.isHost) || (phase.kind === "prejoin" && phase.needsPasscode === true)}
          joining={phase.kind === "joining"}
          guest={!viewer}
          error={phase.kind === "prejoin" ? phase.error : undefined}
          {...(phase.kind === "prejoin" && phase.needsPasscode ? { errorField: "passcode" as const } : {})}
          onJoin={(input) => void session.join(input)}
          onNameChange={session.nameChanged}
        />
      </section>
      <section className="order-first lg:order-none">
        <p className="flex items-center gap-2 text-sm font-medium text-brand-600">
          <Video aria-hidden className="size-4" /> {t("kicker")}
        </p>
        <h1 className="mt-2 text-2xl font-semibold" data-testid="meeting-title">
          {meeting.title}
        </h1>
        {/* The call's own view once it has one (the server omits `recording` when not recording), the page's until then. */}
        {(snapshot?.room ? snapshot.room.recording === true : meeting.recording) && (
          <div className="mt-3">
            <RecordingNotice />
          </div>
        )}
        <dl className="mt-3 space-y-1 text-sm text-slate-600">
          <div>
            <dt className="sr-only">{t("when")}</dt>
            <dd data-testid="meeting-when">{meeting.when}</dd>
          </div>
          {meeting.schedule && (
            <div>
              <dt className="sr-only">{t("status")}</dt>
              <dd className="font-medium text-slate-800" data-testid="meeting-schedule">
                {meeting.schedule}
              </dd>
            </div>
          )}
          {meeting.recurrence && (
            <div>
              <dt className="sr-only">{t("repeats")}</dt>
              <dd>{meeting.recurrence}</dd>
            </div>
          )}
          <div>
            <dt className="inline">{t("host")} </dt>
            <dd className="inline" data-testid="meeting-host">
              {meeting.hostName}
            </dd>
          </div>
          {meeting.lobbyEnabled && !viewer?.isHost && <dd>{t("lobbyNote")}</dd>}
        </dl>
      </section>
    </main>
  );
}
