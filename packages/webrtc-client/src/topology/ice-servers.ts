import type { IceServer } from "@parley/protocol";

/** Our wire type to the browser's (a copy: the browser must not share arrays with us). */
export function toRtc(servers: readonly IceServer[]): RTCIceServer[] {
  return servers.map((s) => ({ ...s, urls: [...s.urls] }));
}
