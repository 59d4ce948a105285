/** Size limits of payload fields. Enforced by the schemas; the server also caps the whole frame (maxHttpBufferSize). */
export const LIMITS = {
  /** Display names, same bound as the join token's `name` claim. */
  nameMaxLength: 80,
  chatBodyMaxLength: 2000,
  chatHistoryMax: 200,
  /** An SDP with audio, camera and screen share is ~10 kB; leave room for many codecs and simulcast later. */
  sdpMaxLength: 60_000,
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
