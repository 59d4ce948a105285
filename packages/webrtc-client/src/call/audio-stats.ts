/** Inbound audio of one remote participant, summed over its streams (getStats `inbound-rtp`, kind audio). */
export interface RemoteAudioStats {
  readonly packetsReceived: number;
  /** Grows only while the audio is played (attached to an <audio> element). */
  readonly totalSamplesReceived: number;
}

export function getRemoteAudioStats(reports: ReadonlyMap<string, RTCStatsReport>): Record<string, RemoteAudioStats> {
  const result: Record<string, RemoteAudioStats> = {};
  for (const [participantId, report] of reports) {
    let packetsReceived = 0;
    let totalSamplesReceived = 0;
    (report as unknown as Map<string, Record<string, unknown>>).forEach((entry) => {
      if (entry.type !== "inbound-rtp" || entry.kind !== "audio") return;
      packetsReceived += Number(entry.packetsReceived ?? 0);
      totalSamplesReceived += Number(entry.totalSamplesReceived ?? 0);
    });
    result[participantId] = { packetsReceived, totalSamplesReceived };
  }
  return result;
}
