import { CLIENT_IP_HEADER } from "./client-address.mjs";

/**
 * The client address for rate limiting, as server.mjs resolved it from the socket and TRUSTED_PROXIES
 * (see client-address.mjs). Under `next dev` nothing sets it and every request shares the bucket "unknown".
 */
export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
