import { createHmac } from "node:crypto";
import type { IceServer } from "@parley/protocol";
import type { SignalingConfig } from "./config";

/**
 * ICE servers for one participant: STUN as configured, TURN with time-limited credentials
 * (TURN REST API, as coturn's `use-auth-secret` implements it).
 */
export function iceServersFor(ice: SignalingConfig["ice"], participantId: string, now: Date): IceServer[] {
  const servers: IceServer[] = [];
  if (ice.stunUrls.length > 0) servers.push({ urls: ice.stunUrls });
  if (ice.turnUrls.length > 0 && ice.turnSecret) {
    servers.push({ urls: ice.turnUrls, ...turnCredentials(ice.turnSecret, participantId, now, ice.turnTtlSeconds) });
  }
  return servers;
}

/** username = `<expiry epoch seconds>:<participantId>`, credential = base64(HMAC-SHA1(secret, username)). */
export function turnCredentials(
  secret: string,
  participantId: string,
  now: Date,
  ttlSeconds: number,
): { username: string; credential: string } {
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expiry}:${participantId}`;
  const credential = createHmac("sha1", secret).update(username).digest("base64");
  return { username, credential };
}

/** Seconds until the TURN credentials of iceServersFor expire; null when no TURN is offered (nothing expires). */
export function iceServersExpireIn(ice: SignalingConfig["ice"]): number | null {
  return ice.turnUrls.length > 0 && ice.turnSecret ? ice.turnTtlSeconds : null;
}
