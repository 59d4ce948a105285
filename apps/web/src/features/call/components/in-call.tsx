"use client";
import { canModerate as roleCanModerate, type ReactionReceived, type VideoLayer } from "@parley/protocol";
import { isCallError, type Call, type CallSnapshot } from "@parley/webrtc-client";
import { Loader2, Lock, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { actionErrorMessage, hostActionErrorMessage, mediaErrorMessage, recordingErrorMessage, rejoinRefusedMessage } from "../messages";
import { useCallShortcuts } from "../use-call-shortcuts";
import { useMediaEffects } from "../media-effects";
import { useDeviceList } from "../use-device-list";
import { useCharacterShortcutsSetting } from "../use-character-shortcuts-setting";
import { useUnreadChat } from "../use-unread-chat";
import { CallSettingsDialog } from "./call-settings-dialog";
import { CallStage } from "./call-stage";
import { ChatPanel } from "./chat-panel";
import { ControlBar } from "./control-bar";
import { DeviceMenu } from "./device-menu";
import { LobbyKnock } from "./lobby-knock";
import { PeoplePanel } from "./people-panel";
import { RecordingIndicator } from "./recording-indicator";
import { RemoteAudio } from "./remote-audio";
import { ShortcutsDialog } from "./shortcuts-dialog";

type FloatingReaction = ReactionReceived & { key: number; name: string };

/** The meeting room: stage, side panel (chat / people), controls, and status banners. */
export function InCall({ call, snapshot, title }: { call: Call; snapshot: CallSnapshot; title: string }) {
  const t = useTranslations("call");
  const tm = useTranslations("callMessages");
  const [panel, setPanel] = useState<"chat" | "people" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reactions, setReactions] = useState<FloatingReaction[]>([]);
  const [recordingPending, setRecordingPending] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const recording = snapshot.room?.recording === true;
  const self = snapshot.self;
  const isHost = self?.role === "host";
  const canModerate = self ? roleCanModerate(self.role) : false;
  const local = snapshot.localMedia;
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [characterShortcuts, setCharacterShortcuts] = useCharacterShortcutsSetting();
  const chatButtonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const unreadChat = useUnreadChat(call, panel === "chat", self?.id ?? null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const devices = useDeviceList(call.localMedia);
  // Created once in the call (after the Join click, so an AudioContext may start); closing the dialog keeps them.
  const effects = useMediaEffects(call.localMedia);

  useEffect(() => {
    const offs = [
      call.on("mutedByHost", (_by, kind) => setNotice(kind === "audio" ? t("mutedMic") : t("mutedCamera"))),
      call.on("rejoinRefused", (name) => setNotice(rejoinRefusedMessage(tm, name))),
      call.on("error", (error) => {
        if (error.code !== "share_cancelled") setNotice(mediaErrorMessage(tm, error.code));
      }),
      call.on("reaction", (reaction) => {
        const name = call.participant(reaction.from)?.name ?? t("someone");
        const entry = { ...reaction, name, key: Date.now() + Math.random() };
        setReactions((list) => [...list.slice(-5), entry]);
        setTimeout(() => setReactions((list) => list.filter((r) => r.key !== entry.key)), 4000);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [call, t, tm]);

  const setVideoLayers = useCallback((layers: Map<string, VideoLayer>) => call.setVideoPreferences(layers), [call]);
  const run = (action: () => Promise<unknown> | unknown) => {
    Promise.resolve()
      .then(action)
      .catch((error: unknown) => setNotice(actionErrorMessage(tm, isCallError(error) ? error.code : undefined)));
  };
  /** Closing the chat from inside it hands focus back to the chat button instead of dropping it on the page. */
  const closePanel = () => {
    const focusWasInside = panelRef.current?.contains(document.activeElement) ?? false;
    const closing = panel;
    setPanel(null);
    if (closing === "chat" && focusWasInside) chatButtonRef.current?.focus();
  };
  const togglePanel = (next: "chat" | "people") => (panel === next ? closePanel() : setPanel(next));
  const closeChatOnEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    event.preventDefault();
    closePanel();
  };
  const toggleAudio = () => run(() => call.setAudioMuted(!local.audioMuted));
  const toggleVideo = () => run(() => call.setVideoMuted(!local.videoMuted));
  const toggleHand = () => run(() => (self?.handRaised ? call.lowerHand() : call.raiseHand()));
  const leave = () => run(() => call.leave());
  const hasCamera = !!local.cameraTrack || local.videoMuted;
  useCallShortcuts({
    // Like the buttons: nothing to toggle without the device.
    toggleMicrophone: () => local.microphoneTrack && toggleAudio(),
    toggleCamera: () => hasCamera && toggleVideo(),
    toggleHand,
    toggleChat: () => togglePanel("chat"),
    leave,
    showShortcuts: () => setShortcutsOpen(true),
  }, characterShortcuts);

  /** For confirmations: the action's words on failure (shown in the dialog), null when done. */
  const attempt = (action: () => Promise<unknown>) =>
    action().then(
      () => null,
      (error: unknown) => hostActionErrorMessage(tm, isCallError(error) ? error.code : undefined),
    );

  const setRecording = (start: boolean) => {
    setRecordingPending(true);
    (start ? call.startRecording() : call.stopRecording())
      .catch((error: unknown) => setNotice(recordingErrorMessage(tm, isCallError(error) ? error.code : undefined)))
      .finally(() => setRecordingPending(false));
  };

  return (
    <div className="call-surface flex h-dvh flex-col bg-slate-900 text-white" data-testid="in-call" data-call-state={snapshot.state}>
      <header className="flex items-center justify-between gap-2 px-4 py-2 text-sm">
        <h1 className="flex min-w-0 items-center gap-2 font-medium">
          {snapshot.room?.locked && <Lock aria-label={t("locked")} className="size-4 text-amber-300" />}
          <span className="truncate">{title}</span>
        </h1>
        <RecordingIndicator recording={recording} />
        <span className="flex shrink-0 items-center gap-2">
          <span className="text-slate-300" data-testid="participant-count">
            {t("inCall", { count: snapshot.participants.length + 1 })}
          </span>
          <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} characterKeys={characterShortcuts} onCharacterKeys={setCharacterShortcuts} />
        </span>
      </header>
      {snapshot.state === "reconnecting" && (
        <div role="status" className="flex items-center justify-center gap-2 bg-amber-500 px-4 py-1.5 text-sm font-medium text-slate-900" data-testid="reconnecting">
          <Loader2 aria-hidden className="size-4 animate-spin" /> {t("reconnecting")}
        </div>
      )}
      {notice && (
        <div role="status" className="flex items-center justify-center gap-3 bg-slate-700 px-4 py-1.5 text-sm">
          {notice}
          <button type="button" aria-label={t("dismiss")} onClick={() => setNotice(null)} className="rounded p-0.5 hover:bg-slate-600">
            <X aria-hidden className="size-4" />
          </button>
        </div>
      )}
      <main className="relative flex min-h-0 flex-1">
        <section aria-label={t("videos")} className="min-w-0 flex-1">
          <CallStage snapshot={snapshot} onLayers={setVideoLayers} call={call} />
        </section>
        {panel && (
          <aside
            ref={panelRef}
            onKeyDown={panel === "chat" ? closeChatOnEscape : undefined}
            aria-label={panel === "chat" ? t("chat") : t("people")}
            className="themed-surface absolute inset-0 z-20 flex flex-col bg-white text-slate-900 sm:static sm:w-80 sm:rounded-l-xl"
          >
            <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
              <h2 className="font-semibold">{panel === "chat" ? t("chat") : t("people")}</h2>
              <button type="button" aria-label={panel === "chat" ? t("closeChat") : t("closePeople")} onClick={closePanel} className="rounded p-1 hover:bg-slate-100">
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
                  onRemove={(id, block) => attempt(() => call.removeParticipant(id, { block }))}
                  onAdmit={(id) => run(() => call.admit(id))}
                  onAdmitAll={() => run(() => Promise.all(snapshot.lobby.map((entry) => call.admit(entry.id))))}
                  onDeny={(id) => run(() => call.deny(id))}
                  onSetCohost={(id, cohost) => run(() => (cohost ? call.makeCohost(id) : call.removeCohost(id)))}
                />
              )}
            </div>
          </aside>
        )}
        {canModerate && <LobbyKnock lobby={snapshot.lobby} onAdmit={(id) => run(() => call.admit(id))} onOpenPeople={() => setPanel("people")} />}
        <ol aria-live="polite" aria-label={t("reactions")} className="pointer-events-none absolute bottom-4 left-4 space-y-1">
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
          hasCamera={hasCamera}
          screenSharing={local.screenSharing}
          handRaised={self?.handRaised ?? false}
          canModerate={canModerate}
          locked={snapshot.room?.locked ?? false}
          recording={recording}
          recordingPending={recordingPending}
          panel={panel}
          lobbyCount={snapshot.lobby.length}
          unreadChat={unreadChat}
          chatButtonRef={chatButtonRef}
          characterShortcuts={characterShortcuts}
          onToggleAudio={toggleAudio}
          onToggleVideo={toggleVideo}
          onToggleScreen={() => run(() => (local.screenSharing ? call.stopScreenShare() : call.startScreenShare()))}
          onToggleHand={toggleHand}
          onReact={(reaction) => run(() => call.sendReaction(reaction))}
          onPanel={togglePanel}
          onToggleLock={() => run(() => (snapshot.room?.locked ? call.unlockRoom() : call.lockRoom()))}
          onStartRecording={() => setRecording(true)}
          onStopRecording={() => setRecording(false)}
          onLeave={leave}
          onEndForAll={() => setConfirmEnd(true)}
          onOpenSettings={() => setSettingsOpen(true)}
          microphoneMenu={<DeviceMenu kind="microphone" media={call.localMedia} state={local} devices={devices} onOpenSettings={() => setSettingsOpen(true)} onError={setNotice} />}
          cameraMenu={<DeviceMenu kind="camera" media={call.localMedia} state={local} devices={devices} onOpenSettings={() => setSettingsOpen(true)} onError={setNotice} />}
        />
      </footer>
      <CallSettingsDialog open={settingsOpen} onOpenChange={setSettingsOpen} media={call.localMedia} state={local} devices={devices} effects={effects} />
      <ConfirmDialog
        open={confirmEnd}
        onOpenChange={setConfirmEnd}
        title={t("endTitle")}
        description={t("endText")}
        cancelLabel={t("goBack")}
        actions={[{ label: t("endForAll"), run: () => attempt(() => call.endForAll()) }]}
      />
      {snapshot.participants.map((p) =>
        p.tracks.microphone ? <RemoteAudio key={p.id} participantId={p.id} track={p.tracks.microphone} speakerId={local.speakerId} /> : null,
      )}
    </div>
  );
}
