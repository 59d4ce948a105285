import { describe, expect, it } from "vitest";
import { addressKey, clientAddress, isProxyEntry, trustedProxies } from "./client-address";

describe("clientAddress", () => {
  const none = trustedProxies([]);
  const proxies = trustedProxies(["10.0.0.0/8", "127.0.0.1", "fd00::/8"]);

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1", none)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7", "203.0.113.1", proxies)).toBe("198.51.100.7");
    expect(clientAddress("::ffff:198.51.100.7", undefined, none)).toBe("198.51.100.7");
  });

  it("takes the right-most hop that is not a trusted proxy", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.1", proxies)).toBe("203.0.113.1");
    // A client may prepend anything; only what our proxies appended counts.
    expect(clientAddress("10.1.2.3", "6.6.6.6, 203.0.113.1, 10.9.9.9", proxies)).toBe("203.0.113.1");
    expect(clientAddress("::ffff:127.0.0.1", ["1.1.1.1", "203.0.113.2"], proxies)).toBe("203.0.113.2");
    // Garbage hops are skipped; nothing usable leaves the proxy's own address.
    expect(clientAddress("127.0.0.1", "not-an-ip", proxies)).toBe("127.0.0.1");
    expect(clientAddress("fd12::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
  });

  it("counts a whole IPv6 /64 as one client", () => {
    expect(addressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::7")).toBe("2001:db8:0:0::/64");
    expect(addressKey("203.0.113.1")).toBe("203.0.113.1");
  });

  it("accepts IPs and CIDR ranges only", () => {
    for (const good of ["10.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"]) expect(isProxyEntry(good)).toBe(true);
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "1.2.3.4/8/8", ""]) expect(isProxyEntry(bad)).toBe(false);
  });
});
