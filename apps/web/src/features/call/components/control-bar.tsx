"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { REACTIONS, type Reaction } from "@parley/protocol";
import { Circle, Ellipsis, Hand, Lock, LockOpen, MessageSquare, Mic, MicOff, MonitorUp, MonitorX, PhoneOff, Settings, SmilePlus, Square, Users, Video, VideoOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState, type ReactNode, type Ref } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cn } from "@/lib/cn";
import { ariaKeyShortcuts, shortcutHint, type CallShortcutAction } from "../call-shortcuts";
import { chatButtonLabel } from "../messages";
import { RecordButton } from "./record-button";

type Props = {
  audioMuted: boolean;
  videoMuted: boolean;
  hasMicrophone: boolean;
  hasCamera: boolean;
  screenSharing: boolean;
  handRaised: boolean;
  /** Host or co-host: the host controls (lock, record, end for all, lobby badge). */
  canModerate: boolean;
  locked: boolean;
  /** The call is being recorded (room.recording). */
  recording: boolean;
  /** A record/stop request is on its way. */
  recordingPending: boolean;
  panel: "chat" | "people" | null;
  lobbyCount: number;
  /** Chat messages from others since the chat was last open. */
  unreadChat: number;
  /** The chat button, where focus returns when the chat closes from the keyboard. */
  chatButtonRef?: Ref<HTMLButtonElement>;
  /** Single-key shortcuts are on: the controls name theirs (the leave combination is always on). */
  characterShortcuts: boolean;
  onToggleAudio: () => void;
  onToggleVideo: () => void;
  onToggleScreen: () => void;
  onToggleHand: () => void;
  onReact: (reaction: Reaction) => void;
  onPanel: (panel: "chat" | "people") => void;
  onToggleLock: () => void;
  onStartRecording: () => void;
  onStopRecording: () => void;
  onLeave: () => void;
  onEndForAll: () => void;
  /** Opens the settings dialog (devices, sent quality, effects). */
  onOpenSettings: () => void;
  /** The device menus (chevrons) beside the microphone and camera buttons; shown on wide screens only. */
  microphoneMenu?: ReactNode;
  cameraMenu?: ReactNode;
};

type RoundButtonProps = {
  label: string;
  className?: string;
  active?: boolean;
  danger?: boolean;
  pressed?: boolean;
  disabled?: boolean;
  onClick?: () => void;
  children: ReactNode;
  badge?: number;
  shortcut?: CallShortcutAction;
  ref?: Ref<HTMLButtonElement>;
};

/** A control's tooltip: its name, and its keyboard shortcut if it has one. */
const tooltip = (label: string, shortcut?: CallShortcutAction) => (shortcut ? `${label} (${shortcutHint(shortcut)})` : label);

function RoundButton(props: RoundButtonProps) {
  return (
    <button
      ref={props.ref}
      type="button"
      aria-label={props.label}
      title={tooltip(props.label, props.shortcut)}
      aria-keyshortcuts={props.shortcut && ariaKeyShortcuts(props.shortcut)}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={props.onClick}
      className={cn(
        "relative flex size-11 shrink-0 items-center justify-center rounded-full transition-colors disabled:opacity-40 sm:size-12 [&_svg]:size-5",
        props.danger ? "bg-red-600 text-white hover:bg-red-700" : props.active ? "bg-slate-100 text-slate-900 hover:bg-white" : "bg-slate-700 text-white hover:bg-slate-600",
        props.className,
      )}
    >
      {props.children}
      {!!props.badge && <span data-testid="badge" className="absolute -top-1 -right-1 rounded-full bg-amber-400 px-1.5 text-xs font-semibold text-slate-900">{props.badge}</span>}
    </button>
  );
}

const menu = "z-50 rounded-lg border border-slate-200 bg-white p-1 text-slate-900 shadow-lg";
const item = "flex cursor-pointer items-center gap-2 rounded px-3 py-2 text-sm outline-none data-[highlighted]:bg-slate-100";
/** On a phone (narrower than `sm`) these controls move into the "More" menu, so the bar stays one row. */
const WIDE_ONLY = "max-sm:hidden";
/** The chevrons are narrower than a touch target: desktop-sized screens only (elsewhere: the settings button). */
const DESKTOP_ONLY = "hidden lg:flex";

/** A device button with its chevron menu beside it, as one group. */
function WithMenu({ menu, children }: { menu?: ReactNode; children: ReactNode }) {
  if (!menu) return children;
  return (
    <div className="flex shrink-0 items-center gap-0.5">
      {children}
      <div className={DESKTOP_ONLY}>{menu}</div>
    </div>
  );
}

export function ControlBar(p: Props) {
  const t = useTranslations("controls");
  const tm = useTranslations("callMessages");
  const key = (action: CallShortcutAction) => (p.characterShortcuts ? action : undefined);
  const [confirmRecord, setConfirmRecord] = useState(false);
  return (
    <div role="toolbar" aria-label={t("toolbar")} className="flex flex-nowrap items-center justify-center gap-2 sm:flex-wrap sm:gap-3">
      <WithMenu menu={p.microphoneMenu}>
        <RoundButton label={p.audioMuted ? t("micOn") : t("micOff")} danger={p.audioMuted} disabled={!p.hasMicrophone} shortcut={key("toggleMicrophone")} onClick={p.onToggleAudio}>
          {p.audioMuted ? <MicOff aria-hidden /> : <Mic aria-hidden />}
        </RoundButton>
      </WithMenu>
      <WithMenu menu={p.cameraMenu}>
        <RoundButton label={p.videoMuted ? t("cameraOn") : t("cameraOff")} danger={p.videoMuted} disabled={!p.hasCamera} shortcut={key("toggleCamera")} onClick={p.onToggleVideo}>
          {p.videoMuted ? <VideoOff aria-hidden /> : <Video aria-hidden />}
        </RoundButton>
      </WithMenu>
      <RoundButton label={p.screenSharing ? t("stopShare") : t("share")} active={p.screenSharing} className={WIDE_ONLY} onClick={p.onToggleScreen}>
        {p.screenSharing ? <MonitorX aria-hidden /> : <MonitorUp aria-hidden />}
      </RoundButton>
      <RoundButton label={p.handRaised ? t("lowerHand") : t("raiseHand")} active={p.handRaised} pressed={p.handRaised} shortcut={key("toggleHand")} className={WIDE_ONLY} onClick={p.onToggleHand}>
        <Hand aria-hidden />
      </RoundButton>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <button type="button" aria-label={t("react")} title={t("react")} className={cn("flex size-11 items-center justify-center rounded-full bg-slate-700 text-white hover:bg-slate-600 sm:size-12 [&_svg]:size-5", WIDE_ONLY)}>
            <SmilePlus aria-hidden />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content side="top" sideOffset={8} className={cn(menu, "flex gap-1")}>
            {REACTIONS.map((reaction) => (
              <DropdownMenu.Item key={reaction} className={cn(item, "px-2 text-xl")} onSelect={() => p.onReact(reaction)} aria-label={t("reactWith", { reaction })}>
                {reaction}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <RoundButton
        ref={p.chatButtonRef}
        label={chatButtonLabel(tm, p.panel === "chat" ? 0 : p.unreadChat)}
        active={p.panel === "chat"}
        pressed={p.panel === "chat"}
        badge={p.panel === "chat" ? 0 : p.unreadChat}
        shortcut={key("toggleChat")}
        onClick={() => p.onPanel("chat")}
      >
        <MessageSquare aria-hidden />
      </RoundButton>
      <RoundButton label={t("people")} active={p.panel === "people"} pressed={p.panel === "people"} badge={p.canModerate ? p.lobbyCount : 0} onClick={() => p.onPanel("people")}>
        <Users aria-hidden />
      </RoundButton>
      {p.canModerate && (
        <RoundButton label={p.locked ? t("unlock") : t("lock")} active={p.locked} pressed={p.locked} className={WIDE_ONLY} onClick={p.onToggleLock}>
          {p.locked ? <Lock aria-hidden /> : <LockOpen aria-hidden />}
        </RoundButton>
      )}
      {p.canModerate && (
        <RecordButton recording={p.recording} pending={p.recordingPending} onRequestStart={() => setConfirmRecord(true)} onStop={p.onStopRecording} className={WIDE_ONLY} />
      )}
      <RoundButton label={t("settings")} className={WIDE_ONLY} onClick={p.onOpenSettings}>
        <Settings aria-hidden />
      </RoundButton>
      <MoreMenu {...p} onRequestRecord={() => setConfirmRecord(true)} />
      {p.canModerate ? (
        <DropdownMenu.Root>
          <DropdownMenu.Trigger asChild>
            <button type="button" aria-label={t("leave")} title={tooltip(t("leave"), "leave")} aria-keyshortcuts={ariaKeyShortcuts("leave")} className="flex h-11 items-center justify-center rounded-full bg-red-600 px-5 text-white hover:bg-red-700 sm:h-12 [&_svg]:size-5">
              <PhoneOff aria-hidden />
            </button>
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content side="top" sideOffset={8} className={menu}>
              <DropdownMenu.Item className={item} onSelect={p.onLeave}>
                {t("leaveMeeting")}
              </DropdownMenu.Item>
              <DropdownMenu.Item className={cn(item, "text-red-600")} onSelect={p.onEndForAll}>
                {t("endForAll")}
              </DropdownMenu.Item>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu.Root>
      ) : (
        <button type="button" aria-label={t("leave")} title={tooltip(t("leave"), "leave")} aria-keyshortcuts={ariaKeyShortcuts("leave")} onClick={p.onLeave} className="flex h-11 items-center justify-center rounded-full bg-red-600 px-5 text-white hover:bg-red-700 sm:h-12 [&_svg]:size-5">
          <PhoneOff aria-hidden />
        </button>
      )}
      {/* Starting a recording asks first (everyone in the call is told); stopping is immediate. */}
      <ConfirmDialog
        open={confirmRecord}
        onOpenChange={setConfirmRecord}
        title={t("recordTitle")}
        description={t("recordText")}
        cancelLabel={t("cancel")}
        actions={[{ label: t("startRecording"), run: async () => p.onStartRecording() }]}
      />
    </div>
  );
}

/** On a phone: the controls that do not fit one row (share, hand, reactions, lock, record, settings), in one menu. */
function MoreMenu(p: Props & { onRequestRecord: () => void }) {
  const t = useTranslations("controls");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" aria-label={t("more")} title={t("more")} className="flex size-11 shrink-0 items-center justify-center rounded-full bg-slate-700 text-white hover:bg-slate-600 sm:hidden [&_svg]:size-5">
          <Ellipsis aria-hidden />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content side="top" sideOffset={8} collisionPadding={8} className={cn(menu, "w-[min(92vw,18rem)]")}>
          <div role="group" aria-label={t("reactions")} className="flex justify-between gap-1 border-b border-slate-100 pb-1">
            {REACTIONS.map((reaction) => (
              <DropdownMenu.Item key={reaction} className={cn(item, "min-h-11 px-2 text-xl")} onSelect={() => p.onReact(reaction)} aria-label={t("reactWith", { reaction })}>
                {reaction}
              </DropdownMenu.Item>
            ))}
          </div>
          <DropdownMenu.Item className={cn(item, "min-h-11")} onSelect={p.onToggleScreen}>
            {p.screenSharing ? <MonitorX aria-hidden className="size-4" /> : <MonitorUp aria-hidden className="size-4" />}
            {p.screenSharing ? t("stopShare") : t("share")}
          </DropdownMenu.Item>
          <DropdownMenu.Item className={cn(item, "min-h-11")} onSelect={p.onToggleHand}>
            <Hand aria-hidden className="size-4" />
            {p.handRaised ? t("lowerHand") : t("raiseHand")}
          </DropdownMenu.Item>
          {p.canModerate && (
            <>
              <DropdownMenu.Item className={cn(item, "min-h-11")} onSelect={p.onToggleLock}>
                {p.locked ? <Lock aria-hidden className="size-4" /> : <LockOpen aria-hidden className="size-4" />}
                {p.locked ? t("unlock") : t("lock")}
              </DropdownMenu.Item>
              <DropdownMenu.Item className={cn(item, "min-h-11")} disabled={p.recordingPending} onSelect={p.recording ? p.onStopRecording : p.onRequestRecord}>
                {p.recording ? <Square aria-hidden className="size-4 fill-current" /> : <Circle aria-hidden className="size-4 fill-red-500 text-red-500" />}
                {p.recording ? t("stopRecording") : t("record")}
              </DropdownMenu.Item>
            </>
          )}
          <DropdownMenu.Item className={cn(item, "min-h-11")} onSelect={p.onOpenSettings}>
            <Settings aria-hidden className="size-4" />
            {t("settings")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
