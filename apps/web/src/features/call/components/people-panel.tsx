"use client";
import type { LobbyEntry, Participant } from "@parley/protocol";
import { Hand, MicOff, ShieldMinus, ShieldPlus, UserMinus, VolumeX } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Props = {
  self: Participant | null;
  participants: readonly Participant[];
  lobby: readonly LobbyEntry[];
  /** You are the host: you may also make and unmake co-hosts. */
  isHost: boolean;
  /** You are the host or a co-host: the lobby and the mute/remove buttons. */
  canModerate: boolean;
  onMute: (id: string) => void;
  /** Resolves with an error to show in the confirmation, or nothing once done. */
  onRemove: (id: string, block: boolean) => Promise<string | null>;
  onAdmit: (id: string) => void;
  onAdmitAll: () => void;
  onDeny: (id: string) => void;
  onSetCohost: (id: string, cohost: boolean) => void;
};


export function PeoplePanel({ self, participants, lobby, isHost, canModerate, onMute, onRemove, onAdmit, onAdmitAll, onDeny, onSetCohost }: Props) {
  const t = useTranslations("people");
  const everyone = self ? [self, ...participants] : [...participants];
  const [removing, setRemoving] = useState<Participant | null>(null);
  return (
    <div className="h-full space-y-6 overflow-y-auto p-4">
      {canModerate && lobby.length > 0 && (
        <section aria-labelledby="lobby-heading" data-testid="lobby">
          <div className="mb-2 flex items-center justify-between gap-2">
            <h3 id="lobby-heading" className="text-sm font-semibold">
              {t("lobbyHeading", { count: lobby.length })}
            </h3>
            {lobby.length > 1 && (
              <Button size="sm" variant="secondary" onClick={onAdmitAll}>
                {t("admitAll")}
              </Button>
            )}
          </div>
          <ul className="space-y-2">
            {lobby.map((entry) => (
              <li key={entry.id} className="flex items-center justify-between gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm">
                <span className="truncate">{entry.name}</span>
                <span className="flex gap-1">
                  <Button size="sm" onClick={() => onAdmit(entry.id)} aria-label={t("admitName", { name: entry.name })}>
                    {t("admit")}
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => onDeny(entry.id)} aria-label={t("denyName", { name: entry.name })}>
                    {t("deny")}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="people-heading">
        <h3 id="people-heading" className="mb-2 text-sm font-semibold">
          {t("inMeeting", { count: everyone.length })}
        </h3>
        <ul className="space-y-1">
          {everyone.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50" data-testid="participant-row">
              <span className="flex min-w-0 items-center gap-2">
                <span className="truncate">
                  {p.name}
                  {p.id === self?.id && ` ${t("you")}`}
                  {p.role !== "guest" && <span className="ml-1 text-xs text-slate-500">{t(`role.${p.role}`)}</span>}
                </span>
                {p.handRaised && <Hand aria-label={t("handRaised")} className="size-4 text-amber-500" />}
                {p.audioMuted && <MicOff aria-label={t("micOff")} className="size-4 text-slate-400" />}
              </span>
              {/* The server enforces the same: only the host acts on the host, co-hosts remove guests only. */}
              {canModerate && p.id !== self?.id && (isHost || p.role !== "host") && (
                <span className="flex shrink-0 gap-1">
                  <Button size="icon" variant="ghost" className="size-8" disabled={p.audioMuted} onClick={() => onMute(p.id)} aria-label={t("mute", { name: p.name })}>
                    <VolumeX aria-hidden />
                  </Button>
                  {isHost && p.role !== "host" && (
                    <Button
                      size="icon"
                      variant="ghost"
                      className="size-8"
                      onClick={() => onSetCohost(p.id, p.role !== "cohost")}
                      aria-label={p.role === "cohost" ? t("removeCohostName", { name: p.name }) : t("makeCohostName", { name: p.name })}
                      title={p.role === "cohost" ? t("removeCohost") : t("makeCohost")}
                    >
                      {p.role === "cohost" ? <ShieldMinus aria-hidden /> : <ShieldPlus aria-hidden />}
                    </Button>
                  )}
                  {(isHost ? p.role !== "host" : p.role === "guest") && (
                    <Button size="icon" variant="ghost" className="size-8 text-red-600" onClick={() => setRemoving(p)} aria-label={t("removeName", { name: p.name })}>
                      <UserMinus aria-hidden />
                    </Button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t("removeTitle", { name: removing?.name ?? "" })}
        description={t("removeText")}
        cancelLabel={t("cancel")}
        actions={
          removing
            ? [
                { label: t("remove"), run: () => onRemove(removing.id, false) },
                { label: t("removeAndBlock"), run: () => onRemove(removing.id, true) },
              ]
            : []
        }
      />
    </div>
  );
}
