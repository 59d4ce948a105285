import { describe, expect, it } from "vitest";
import { startOidcProvider } from "./start-oidc-provider";

describe("startOidcProvider", () => {
  it("serves discovery and signing keys on a free loopback port, and stops", async () => {
    const provider = await startOidcProvider({
      clients: [{ clientId: "parley", clientSecret: "secret-0123456789", redirectUris: ["http://127.0.0.1:3000/api/auth/oauth2/callback/oidc"] }],
    });
    try {
      const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as { issuer: string; jwks_uri: string };
      expect(discovery.issuer).toBe(provider.issuer);
      const jwks = (await (await fetch(discovery.jwks_uri)).json()) as { keys: Array<{ kid: string }> };
      expect(jwks.keys.map((key) => key.kid)).toEqual(["test-key"]);
    } finally {
      await provider.stop();
    }
    await expect(fetch(`${provider.issuer}/.well-known/openid-configuration`)).rejects.toThrow();
  });
});
