// A real OpenID Connect provider (panva's oidc-provider, the certified implementation) on loopback, for single
// sign-on tests: discovery, JWKS, authorization code + PKCE, ID tokens, userinfo, end-session. Its built-in
// development login page accepts any login name; the account's claims come from `accounts` or are derived from it.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

export type OidcClient = { clientId: string; clientSecret: string; redirectUris: string[]; postLogoutRedirectUris?: string[] };
export type OidcAccount = { email: string; name: string; groups: string[] };

export type StartOidcProviderOptions = {
  clients: OidcClient[];
  /** Claims per login name; any other login gets `<login>@example.org` (or the login, if it is an address) and its name. */
  accounts?: Record<string, OidcAccount>;
  /** Groups of a login not in `accounts` (default: none). */
  groupsOf?: (login: string) => string[];
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
};

export type OidcProviderServer = {
  /** e.g. http://127.0.0.1:43125 (discovery at /.well-known/openid-configuration). */
  issuer: string;
  stop(): Promise<void>;
};

export async function startOidcProvider(options: StartOidcProviderOptions): Promise<OidcProviderServer> {
  const host = options.host ?? "127.0.0.1";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: "test-key", alg: "RS256", use: "sig" };
  const accountFor = (login: string): OidcAccount =>
    options.accounts?.[login] ?? { email: login.includes("@") ? login : `${login}@example.org`, name: login, groups: options.groupsOf?.(login) ?? [] };

  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: ["oidc-harness-cookie-key-0123456789"] },
    // Like Keycloak and Authentik: the profile scope carries the group claim, and the ID token carries the claims.
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const account = accountFor(id);
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }),
      };
    },
  });
  // NOTE: the development login page logs a warning per process; it is what we want here.
  server.on("request", provider.callback());

  let stopped: Promise<void> | undefined;
  return {
    issuer,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })),
  };
}
