import { describe, expect, it } from "vitest";
import { environmentOf, loadCompose, publishedContainerPorts } from "./compose";
import { composeText } from "./fixtures";
import { readRepoFile } from "./repo";

const { doc } = loadCompose(composeText);
const portOf = (service: string) => Number(environmentOf(doc.services[service]!).get("PORT"));

describe("reverse proxy examples", () => {
  it("Caddy routes the socket.io WebSocket to signaling and the rest to web, on the containers' ports", () => {
    const caddyfile = readRepoFile("deploy/caddy/Caddyfile");
    expect(caddyfile).toMatch(new RegExp(`handle /socket\\.io/\\* \\{\\s*reverse_proxy signaling:${portOf("signaling")}`));
    expect(caddyfile).toContain(`reverse_proxy web:${portOf("web")}`);
  });

  it("nginx forwards WebSocket upgrades for /socket.io/ to the published signaling port", () => {
    const nginx = readRepoFile("deploy/nginx/parley.conf");
    const socketBlock = /location \/socket\.io\/ \{([^}]*)\}/.exec(nginx)?.[1] ?? "";
    expect(socketBlock).toContain("proxy_pass http://127.0.0.1:4000");
    expect(socketBlock).toContain("proxy_set_header Upgrade");
    // Headers set in a location replace the server's, so the client address must be repeated here.
    expect(socketBlock).toContain("X-Forwarded-For   $remote_addr");
    expect(publishedContainerPorts(doc.services.signaling!)).toContain(4000);
  });

  it("both examples send HSTS on every HTTPS answer and bound request bodies", () => {
    const caddyfile = readRepoFile("deploy/caddy/Caddyfile");
    expect(caddyfile).toMatch(/header Strict-Transport-Security "max-age=31536000; includeSubDomains"/);
    expect(caddyfile).toMatch(/request_body \{\s*max_size 1MB\s*\}/);
    const nginx = readRepoFile("deploy/nginx/parley.conf");
    const httpsServer = /listen 443 ssl;([\s\S]*)$/.exec(nginx)?.[1] ?? "";
    // `always`: also on error answers; in the server block: locations without add_header inherit it.
    expect(httpsServer).toContain('add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;');
    expect(httpsServer).toContain("client_max_body_size 1m;");
  });

  it("compose trusts X-Forwarded-For only from private addresses (where Caddy and the host proxy come from)", () => {
    const trusted = environmentOf(doc.services.web!).get("TRUSTED_PROXIES") ?? "";
    expect(trusted).toContain("172.16.0.0/12");
    expect(trusted).not.toMatch(/0\.0\.0\.0\/0|::\/0/);
  });
});
