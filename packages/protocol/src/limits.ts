/** Size limits of payload fields. Enforced by the schemas; the server also caps the whole frame (maxHttpBufferSize). */
export const LIMITS = {
  /** Display names, same bound as the join token's `name` claim. */
  nameMaxLength: 80,
  chatBodyMaxLength: 2000,
  chatHistoryMax: 200,
  /**
   * A mesh description (audio, camera, screen) is ~10 kB; an SFU subscription has an m-line of ~1 kB per received
   * stream (a 50-person meeting: ~100 kB), and the browser's answer is about as long.
   */
  sdpMaxLength: 200_000,
  candidateMaxLength: 2048,
  /** An SDP media id (`a=mid:`); browsers use "0", "1", ... */
  midMaxLength: 32,
  /** Entries of a description's `sources` map: one per m-line the sender sends on (3 today). */
  trackSourcesMax: 16,
  tokenMaxLength: 4096,
  passcodeMaxLength: 128,
  resumeTokenMaxLength: 128,
  reasonMaxLength: 200,
  /** Received m-lines of one SFU subscription (participants × sources), and layer preferences per request. */
  sfuStreamsMax: 512,
} as const;
