"use client";
import type { LobbyEntry } from "@parley/protocol";
import { DoorOpen, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/**
 * To hosts: someone new knocks (joins the lobby) → a toast with their name, Admit and View, announced to screen
 * readers. As in Zoom and Meet it stays until the host acts: it goes when they are admitted, denied or leave, or when
 * the host dismisses it (until the next knock); the lobby itself is in People.
 */
export function LobbyKnock({ lobby, onAdmit, onOpenPeople }: { lobby: readonly LobbyEntry[]; onAdmit: (id: string) => void; onOpenPeople: () => void }) {
  const t = useTranslations("lobbyKnock");
  const seen = useRef<Set<string> | null>(null);
  const [knock, setKnock] = useState<LobbyEntry | null>(null);

  useEffect(() => {
    // Whoever already waits when the host arrives is in the People badge; only new knocks pop up.
    if (seen.current === null) {
      seen.current = new Set(lobby.map((entry) => entry.id));
      return;
    }
    const known = seen.current;
    const fresh = lobby.filter((entry) => !known.has(entry.id));
    for (const entry of fresh) known.add(entry.id);
    const newest = fresh.at(-1);
    if (newest) setKnock(newest);
  }, [lobby]);

  // Gone from the lobby (admitted, denied, left): the toast goes too.
  const current = knock && lobby.some((entry) => entry.id === knock.id) ? knock : null;

  if (!current) return null;
  const others = lobby.length - 1;
  return (
    <div role="status" data-testid="lobby-knock" className="absolute top-3 left-1/2 z-30 flex w-[min(92vw,26rem)] -translate-x-1/2 items-center gap-3 rounded-xl bg-white px-4 py-3 text-sm text-slate-900 shadow-lg">
      <DoorOpen aria-hidden className="size-5 shrink-0 text-brand-600" />
      <p className="min-w-0 flex-1">
        {t.rich("waiting", { others, name: (chunks) => <span className="font-medium break-words">{chunks}</span>, person: current.name })}
      </p>
      <button type="button" onClick={() => onAdmit(current.id)} className="rounded-md bg-brand-600 px-3 py-1.5 font-medium text-white hover:bg-brand-700">
        {t("admit")}
      </button>
      <button
        type="button"
        onClick={() => {
          setKnock(null);
          onOpenPeople();
        }}
        className="rounded-md px-2 py-1.5 font-medium text-brand-700 hover:bg-slate-100"
      >
        {t("view")}
      </button>
      <button type="button" aria-label={t("dismiss")} onClick={() => setKnock(null)} className="rounded p-1 hover:bg-slate-100">
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}
