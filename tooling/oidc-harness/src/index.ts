export { startOidcProvider, type OidcAccount, type OidcClient, type OidcProviderServer, type StartOidcProviderOptions } from "./start-oidc-provider";
export { loginAtProvider, send, CookieJar } from "./http-sign-in";
