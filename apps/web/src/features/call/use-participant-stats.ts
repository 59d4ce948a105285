"use client";
import type { Call, PeerStatsSummary } from "@parley/webrtc-client";
import { useEffect, useState } from "react";

/** The latest stats round for one remote participant (about once a second), null until the first arrives. */
export function useParticipantStats(call: Call, participantId: string): PeerStatsSummary | null {
  const [stats, setStats] = useState<PeerStatsSummary | null>(null);
  useEffect(
    () =>
      call.on("qualityChanged", (id, _quality, summary) => {
        if (id === participantId) setStats(summary);
      }),
    [call, participantId],
  );
  return stats;
}
