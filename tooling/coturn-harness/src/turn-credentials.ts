import { createHmac } from "node:crypto";

export type TurnCredentials = { username: string; credential: string; expiresAt: Date };

/**
 * TURN REST API credentials, as coturn's `use-auth-secret` checks them and the signaling service issues them:
 * username = `<expiry epoch seconds>:<user>`, credential = base64(HMAC-SHA1(secret, username)).
 */
export function turnRestCredentials(
  secret: string,
  user: string,
  opts: { ttlSeconds?: number; now?: Date } = {},
): TurnCredentials {
  const expiry = Math.floor((opts.now ?? new Date()).getTime() / 1000) + (opts.ttlSeconds ?? 3600);
  const username = `${expiry}:${user}`;
  const credential = createHmac("sha1", secret).update(username).digest("base64");
  return { username, credential, expiresAt: new Date(expiry * 1000) };
}
