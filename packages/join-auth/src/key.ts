/** Shortest JOIN_TOKEN_SECRET both apps accept (their env schemas say the same). */
export const JOIN_TOKEN_SECRET_MIN_LENGTH = 32;

/** The HS256 key of join tokens. Only `joinTokenKey` makes one, so both apps turn the secret into bytes the same way. */
export type JoinTokenKey = Uint8Array & { readonly __joinTokenKey: true };

/** The key both apps derive from JOIN_TOKEN_SECRET: the web app mints with it, the signaling service verifies. */
export function joinTokenKey(secret: string): JoinTokenKey {
  if (secret.length < JOIN_TOKEN_SECRET_MIN_LENGTH) {
    throw new RangeError(`JOIN_TOKEN_SECRET must be at least ${JOIN_TOKEN_SECRET_MIN_LENGTH} characters`);
  }
  return new TextEncoder().encode(secret) as JoinTokenKey;
}
