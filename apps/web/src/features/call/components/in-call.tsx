"use client";
import { canModerate as roleCanModerate, type ReactionReceived, type VideoLayer } from "@parley/protocol";
import { isCallError, type Call, type CallSnapshot } from "@parley/webrtc-client";
import { Loader2, Lock, X } from "lucide-react";
import { useCallback, useEffect, useState } from "react";
import { mediaErrorMessage, recordingErrorMessage, rejoinRefusedMessage } from "../messages";
import { CallStage } from "./call-stage";
import { ChatPanel } from "./chat-panel";
import { ControlBar } from "./control-bar";
import { PeoplePanel } from "./people-panel";
import { RecordingIndicator } from "./recording-indicator";
import { RemoteAudio } from "./remote-audio";

type FloatingReaction = ReactionReceived & { key: number; name: string };

/** The meeting room: stage, side panel (chat / people), controls, and status banners. */
export function InCall({ call, snapshot, title }: { call: Call; snapshot: CallSnapshot; title: string }) {
  const [panel, setPanel] = useState<"chat" | "people" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reactions, setReactions] = useState<FloatingReaction[]>([]);
  const [recordingPending, setRecordingPending] = useState(false);
  const recording = snapshot.room?.recording === true;
  const self = snapshot.self;
  const isHost = self?.role === "host";
  const canModerate = self ? roleCanModerate(self.role) : false;
  const local = snapshot.localMedia;

  useEffect(() => {
    const offs = [
      call.on("mutedByHost", (_by, kind) => setNotice(kind === "audio" ? "The host turned off your microphone." : "The host turned off your camera.")),
      call.on("rejoinRefused", (name) => setNotice(rejoinRefusedMessage(name))),
      call.on("error", (error) => {
        if (error.code !== "share_cancelled") setNotice(mediaErrorMessage(error.code));
      }),
      call.on("reaction", (reaction) => {
        const name = call.participant(reaction.from)?.name ?? "Someone";
        const entry = { ...reaction, name, key: Date.now() + Math.random() };
        setReactions((list) => [...list.slice(-5), entry]);
        setTimeout(() => setReactions((list) => list.filter((r) => r.key !== entry.key)), 4000);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [call]);

  const setVideoLayers = useCallback((layers: Map<string, VideoLayer>) => call.setVideoPreferences(layers), [call]);
  const togglePanel = (next: "chat" | "people") => setPanel((current) => (current === next ? null : next));
  const run = (action: () => Promise<unknown> | unknown) => {
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => setNotice(error instanceof Error ? error.message : "That did not work."));
  };

  const setRecording = (start: boolean) => {
    setRecordingPending(true);
    (start ? call.startRecording() : call.stopRecording())
      .catch((error: unknown) => setNotice(recordingErrorMessage(isCallError(error) ? error.code : undefined)))
      .finally(() => setRecordingPending(false));
  };

  return (
    <div className="flex h-dvh flex-col bg-slate-900 text-white" data-testid="in-call" data-call-state={snapshot.state}>
      <header className="flex items-center justify-between gap-2 px-4 py-2 text-sm">
        <h1 className="flex min-w-0 items-center gap-2 font-medium">
          {snapshot.room?.locked && <Lock aria-label="Meeting locked" className="size-4 text-amber-300" />}
          <span className="truncate">{title}</span>
        </h1>
        <RecordingIndicator recording={recording} />
        <span className="shrink-0 text-slate-300" data-testid="participant-count">
          {snapshot.participants.length + 1} in call
        </span>
      </header>
      {snapshot.state === "reconnecting" && (
        <div role="status" className="flex items-center justify-center gap-2 bg-amber-500 px-4 py-1.5 text-sm font-medium text-slate-900" data-testid="reconnecting">
          <Loader2 aria-hidden className="size-4 animate-spin" /> Connection lost. Reconnecting…
        </div>
      )}
      {notice && (
        <div role="status" className="flex items-center justify-center gap-3 bg-slate-700 px-4 py-1.5 text-sm">
          {notice}
          <button type="button" aria-label="Dismiss" onClick={() => setNotice(null)} className="rounded p-0.5 hover:bg-slate-600">
            <X aria-hidden className="size-4" />
          </button>
        </div>
      )}
      <main className="relative flex min-h-0 flex-1">
        <section aria-label="Participants' video" className="min-w-0 flex-1">
          <CallStage snapshot={snapshot} onLayers={setVideoLayers} />
        </section>
        {panel && (
          <aside
            aria-label={panel === "chat" ? "Chat" : "People"}
            className="absolute inset-0 z-20 flex flex-col bg-white text-slate-900 sm:static sm:w-80 sm:rounded-l-xl"
          >
            <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
              <h2 className="font-semibold">{panel === "chat" ? "Chat" : "People"}</h2>
              <button type="button" aria-label={`Close ${panel === "chat" ? "chat" : "people"}`} onClick={() => setPanel(null)} className="rounded p-1 hover:bg-slate-100">
                <X aria-hidden className="size-5" />
              </button>
            </div>
            <div className="min-h-0 flex-1">
              {panel === "chat" ? (
                <ChatPanel messages={snapshot.messages} selfId={self?.id ?? null} onSend={async (body) => void (await call.sendChatMessage(body))} />
              ) : (
                <PeoplePanel
                  self={self}
                  participants={snapshot.participants}
                  lobby={snapshot.lobby}
                  isHost={isHost}
                  canModerate={canModerate}
                  onMute={(id) => run(() => call.muteParticipant(id))}
                  onRemove={(id) => run(() => call.removeParticipant(id))}
                  onAdmit={(id) => run(() => call.admit(id))}
                  onDeny={(id) => run(() => call.deny(id))}
                  onSetCohost={(id, cohost) => run(() => (cohost ? call.makeCohost(id) : call.removeCohost(id)))}
                />
              )}
            </div>
          </aside>
        )}
        <ol aria-live="polite" aria-label="Reactions" className="pointer-events-none absolute bottom-4 left-4 space-y-1">
          {reactions.map((r) => (
            <li key={r.key} className="rounded-full bg-slate-800/80 px-3 py-1 text-sm" data-testid="reaction">
              <span className="text-xl">{r.reaction}</span> {r.name}
            </li>
          ))}
        </ol>
      </main>
      <footer className="px-2 py-3">
        <ControlBar
          audioMuted={local.audioMuted || !local.microphoneTrack}
          videoMuted={local.videoMuted || !local.cameraTrack}
          hasMicrophone={!!local.microphoneTrack}
          hasCamera={!!local.cameraTrack || local.videoMuted}
          screenSharing={local.screenSharing}
          handRaised={self?.handRaised ?? false}
          canModerate={canModerate}
          locked={snapshot.room?.locked ?? false}
          recording={recording}
          recordingPending={recordingPending}
          panel={panel}
          lobbyCount={snapshot.lobby.length}
          onToggleAudio={() => run(() => call.setAudioMuted(!local.audioMuted))}
          onToggleVideo={() => run(() => call.setVideoMuted(!local.videoMuted))}
          onToggleScreen={() => run(() => (local.screenSharing ? call.stopScreenShare() : call.startScreenShare()))}
          onToggleHand={() => run(() => (self?.handRaised ? call.lowerHand() : call.raiseHand()))}
          onReact={(reaction) => run(() => call.sendReaction(reaction))}
          onPanel={togglePanel}
          onToggleLock={() => run(() => (snapshot.room?.locked ? call.unlockRoom() : call.lockRoom()))}
          onStartRecording={() => setRecording(true)}
          onStopRecording={() => setRecording(false)}
          onLeave={() => run(() => call.leave())}
          onEndForAll={() => run(() => call.endForAll())}
        />
      </footer>
      {snapshot.participants.map((p) =>
        p.tracks.microphone ? <RemoteAudio key={p.id} participantId={p.id} track={p.tracks.microphone} speakerId={local.speakerId} /> : null,
      )}
    </div>
  );
}
