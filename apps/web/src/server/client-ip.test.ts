import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies } from "./client-address.mjs";
import { clientIp } from "./client-ip";

describe("clientAddress", () => {
  const none = parseTrustedProxies("");
  const proxies = parseTrustedProxies("10.0.0.0/8, 127.0.0.1, fd00::/8");

  it("trusts no X-Forwarded-For by default: the socket address counts", () => {
    // Issue #14, finding 8: a client reaching the app directly chose its rate-limit key with this header.
    expect(clientAddress("203.0.113.7", "6.6.6.6", none)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:203.0.113.7", "6.6.6.6, 7.7.7.7", none)).toBe("203.0.113.7");
    expect(clientAddress("127.0.0.1", "6.6.6.6", none)).toBe("127.0.0.1");
  });

  it("walks past trusted proxies from the right, never further", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(clientAddress("10.1.2.3", "6.6.6.6, 203.0.113.7, 10.9.9.9", proxies)).toBe("203.0.113.7");
    expect(clientAddress("fd00::5", "2001:db8::1", proxies)).toBe("2001:db8::1");
    // Only trusted proxies in the chain: the leftmost one they vouch for.
    expect(clientAddress("127.0.0.1", "10.0.0.9", proxies)).toBe("10.0.0.9");
    // No header from a trusted proxy, or garbage in it: key on the proxy.
    expect(clientAddress("127.0.0.1", undefined, proxies)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "not-an-ip", proxies)).toBe("127.0.0.1");
    // A request from an untrusted peer is keyed on that peer whatever it claims.
    expect(clientAddress("198.51.100.4", "10.0.0.1, 203.0.113.7", proxies)).toBe("198.51.100.4");
    expect(clientAddress(undefined, "203.0.113.7", proxies)).toBe("unknown");
  });

  it("refuses entries that are not addresses or ranges", () => {
    for (const bad of ["example.com", "10.0.0.0/33", "10.0.0.0/8/1", "fd00::/129", "1.2.3"]) {
      expect(() => parseTrustedProxies(bad)).toThrow(/TRUSTED_PROXIES/);
    }
    expect(parseTrustedProxies(" 10.0.0.1 , ::1 ").entries).toEqual(["10.0.0.1", "::1"]);
  });
});

describe("clientIp", () => {
  it("reads only the header server.mjs sets, never X-Forwarded-For", () => {
    expect(clientIp(new Headers({ "x-parley-client-ip": "203.0.113.7", "x-forwarded-for": "6.6.6.6" }))).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" }))).toBe("unknown");
  });
});
