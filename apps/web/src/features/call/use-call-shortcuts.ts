"use client";
import { useEffect, useEffectEvent } from "react";
import { isOverlayOpen, isTypingTarget, shortcutFor, type CallShortcutAction } from "./call-shortcuts";

/**
 * Runs the call's keyboard shortcuts (see CALL_SHORTCUTS) while the component is mounted; the single-key ones only
 * while `characterKeys` is on.
 */
export function useCallShortcuts(handlers: Readonly<Record<CallShortcutAction, () => void>>, characterKeys: boolean) {
  const run = useEffectEvent((action: CallShortcutAction) => handlers[action]());
  const characterKeysOn = useEffectEvent(() => characterKeys);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      const action = shortcutFor(event, {
        typing: isTypingTarget(target),
        overlayOpen: isOverlayOpen(target, document),
        characterKeys: characterKeysOn(),
      });
      if (!action) return;
      event.preventDefault();
      run(action);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
