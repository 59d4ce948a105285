"use client";
import type { Call } from "@parley/webrtc-client";
import { useEffect, useEffectEvent, useState } from "react";

/**
 * Messages from others that arrived while the chat was closed; back to 0 when it opens. History loaded on join
 * or resume is not counted (it comes as `chatHistory`, not `chatMessage`), nor are one's own messages.
 */
export function useUnreadChat(call: Call, chatOpen: boolean, selfId: string | null): number {
  const [unread, setUnread] = useState(0);
  // Reset while rendering, not in an effect: the badge never shows a stale count for one frame.
  if (chatOpen && unread !== 0) setUnread(0);
  const onMessage = useEffectEvent((senderId: string | null) => {
    if (!chatOpen && senderId !== selfId) setUnread((n) => n + 1);
  });
  useEffect(() => call.on("chatMessage", (message) => onMessage(message.senderId)), [call]);
  return unread;
}
