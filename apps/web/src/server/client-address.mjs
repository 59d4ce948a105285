// Plain JavaScript on purpose: server.mjs (run by node, not bundled) and the app (bundled by Next) both import it.
import { BlockList, isIP } from "node:net";

/**
 * The request header carrying the client address that server.mjs resolved. server.mjs overwrites it on every
 * request, so a client cannot choose it; the app reads this header and never `X-Forwarded-For` itself.
 */
export const CLIENT_IP_HEADER = "x-parley-client-ip";

/**
 * Parses TRUSTED_PROXIES ("10.0.0.1, 172.16.0.0/12, ::1"): the addresses whose `X-Forwarded-For` is believed.
 * Empty means trust none. Throws on an entry that is not an IP address or CIDR range.
 * @param {string | undefined} value
 * @returns {{ list: BlockList; entries: string[] }}
 */
export function parseTrustedProxies(value) {
  const list = new BlockList();
  const entries = (value ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address = "", prefix, ...rest] = entry.split("/");
    const family = isIP(address);
    const type = family === 6 ? "ipv6" : "ipv4";
    const bits = Number(prefix);
    if (!family || rest.length > 0 || (prefix !== undefined && (!/^\d+$/.test(prefix) || bits > (family === 6 ? 128 : 32)))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
    }
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return { list, entries };
}

/** "::ffff:203.0.113.7" (an IPv4 client on a dual-stack socket) is 203.0.113.7. */
function unmapped(address) {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1] ?? address;
}

function isTrusted(address, trusted) {
  const family = isIP(address);
  return family !== 0 && trusted.list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The address a request came from: the socket's peer, unless that peer is a trusted proxy, in which case the
 * `X-Forwarded-For` entries are walked from the right (each appended by the hop before) past every trusted proxy.
 * Entries left of the first untrusted one are whatever the client sent, so they are never read.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {{ list: BlockList }} trusted
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, trusted) {
  let current = unmapped(socketAddress ?? "");
  if (!isIP(current)) return "unknown";
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  while (isTrusted(current, trusted)) {
    const previous = hops.pop();
    if (previous === undefined) break;
    const address = unmapped(previous);
    // A proxy that forwards garbage: key on the proxy itself rather than on something a client may have written.
    if (!isIP(address)) break;
    current = address;
  }
  return current;
}
