"use client";
import * as Dialog from "@radix-ui/react-dialog";
import { Keyboard, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { CALL_SHORTCUTS, ariaKeyShortcuts } from "../call-shortcuts";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Single-key shortcuts are on; people who trigger them by accident (speech input) turn them off here. */
  characterKeys: boolean;
  onCharacterKeys: (on: boolean) => void;
};

/** The "?" dialog: every shortcut of the call, with its own button for people who do not know "?" yet. */
export function ShortcutsDialog({ open, onOpenChange, characterKeys, onCharacterKeys }: Props) {
  const t = useTranslations("shortcuts");
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button
          type="button"
          aria-label={t("title")}
          title={characterKeys ? t("titleWithKey") : t("title")}
          aria-keyshortcuts={characterKeys ? ariaKeyShortcuts("showShortcuts") : undefined}
          className="shrink-0 rounded p-1 text-slate-300 hover:bg-slate-700 hover:text-white"
        >
          <Keyboard aria-hidden className="size-5" />
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/60" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(92vw,26rem)] -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 text-slate-900 shadow-xl">
          <div className="flex items-start justify-between gap-4">
            <Dialog.Title className="text-lg font-semibold">{t("title")}</Dialog.Title>
            <Dialog.Close asChild>
              <button type="button" aria-label={t("close")} className="rounded p-1 hover:bg-slate-100">
                <X aria-hidden className="size-5" />
              </button>
            </Dialog.Close>
          </div>
          <Dialog.Description className="mt-1 text-sm text-slate-600">{t("intro")}</Dialog.Description>
          <dl className="mt-4 divide-y divide-slate-100 text-sm" data-testid="shortcut-list">
            {CALL_SHORTCUTS.map((shortcut) => (
              <div key={shortcut.action} className="flex items-center justify-between gap-4 py-2">
                <dt>{t(`action.${shortcut.action}`)}</dt>
                <dd className="flex shrink-0 gap-1">
                  {shortcut.keys.map((key) => (
                    <kbd key={key} className="min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs text-slate-800">
                      {key}
                    </kbd>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
          <label className="mt-4 flex items-start gap-3 rounded-md bg-slate-50 p-3 text-sm">
            <input type="checkbox" checked={characterKeys} onChange={(event) => onCharacterKeys(event.target.checked)} className="mt-0.5 size-4 accent-slate-900" />
            <span>
              <span className="font-medium">{t("singleKeys")}</span>
              <span className="block text-slate-600">{t("singleKeysHint")}</span>
            </span>
          </label>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
