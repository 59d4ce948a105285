"use client";
import { useState } from "react";

const STORAGE_KEY = "parley.characterShortcuts";

function storedSetting(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true; // storage blocked (privacy settings): the default
  }
}

/** Whether single-key shortcuts are on (default on), remembered in this browser. The call page renders only here. */
export function useCharacterShortcutsSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(storedSetting);
  const set = (next: boolean) => {
    setOn(next);
    try {
      if (next) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, "off");
    } catch {
      // Not remembered; it still holds for this call.
    }
  };
  return [on, set];
}
