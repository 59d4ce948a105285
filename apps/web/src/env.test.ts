import { describe, expect, it } from "vitest";
import { parseWebEnv } from "./env";

const base = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/parley",
  BETTER_AUTH_SECRET: "a".repeat(32),
  JOIN_TOKEN_SECRET: "b".repeat(32),
};

describe("parseWebEnv", () => {
  it("applies defaults and treats empty values as unset", () => {
    const env = parseWebEnv({ ...base, PUBLIC_URL: "", JOIN_TOKEN_TTL_SECONDS: "" });
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.JOIN_TOKEN_TTL_SECONDS).toBe(120);
  });

  it("takes an optional METRICS_TOKEN of at least 16 characters (empty: unset)", () => {
    expect(parseWebEnv({ ...base, METRICS_TOKEN: "" }).METRICS_TOKEN).toBeUndefined();
    expect(parseWebEnv({ ...base, METRICS_TOKEN: "t".repeat(16) }).METRICS_TOKEN).toBe("t".repeat(16));
    expect(() => parseWebEnv({ ...base, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
  });

  it("lists every problem without echoing secret values", () => {
    const attempt = () => parseWebEnv({ DATABASE_URL: "not a url", BETTER_AUTH_SECRET: "short-secret", JOIN_TOKEN_TTL_SECONDS: "9999" });
    expect(attempt).toThrow(/DATABASE_URL[\s\S]*BETTER_AUTH_SECRET[\s\S]*JOIN_TOKEN_SECRET[\s\S]*JOIN_TOKEN_TTL_SECONDS/);
    expect(attempt).not.toThrow(/short-secret/);
  });

  it("reads the sign-up rules and refuses malformed domains", () => {
    const env = parseWebEnv({ ...base, SIGNUP_MODE: "invite", SIGNUP_ALLOWED_DOMAINS: " Example.com, team.example.org ,," });
    expect(env.SIGNUP_MODE).toBe("invite");
    expect(env.SIGNUP_ALLOWED_DOMAINS).toEqual(["example.com", "team.example.org"]);
    expect(parseWebEnv(base)).toMatchObject({ SIGNUP_MODE: "open", SIGNUP_ALLOWED_DOMAINS: [] });
    expect(() => parseWebEnv({ ...base, SIGNUP_MODE: "sometimes" })).toThrow(/SIGNUP_MODE/);
    expect(() => parseWebEnv({ ...base, SIGNUP_ALLOWED_DOMAINS: "example.com,@evil" })).toThrow(/SIGNUP_ALLOWED_DOMAINS/);
  });

  it("needs a client id and secret with an OIDC issuer, and an issuer for them", () => {
    const oidc = { OIDC_ISSUER: "https://sso.example.com/realms/parley", OIDC_CLIENT_ID: "parley", OIDC_CLIENT_SECRET: "s3cret" };
    expect(parseWebEnv({ ...base, ...oidc })).toMatchObject({ ...oidc, OIDC_GROUPS_CLAIM: "groups", OIDC_BUTTON_LABEL: "Sign in with single sign-on" });
    expect(() => parseWebEnv({ ...base, OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OIDC_ISSUER needs OIDC_CLIENT_ID/);
    expect(() => parseWebEnv({ ...base, OIDC_ADMIN_GROUP: "admins" })).toThrow(/need OIDC_ISSUER/);
    expect(() => parseWebEnv({ ...base, ...oidc, OIDC_BUTTON_LABEL: "Sign in\u202E" })).toThrow(/OIDC_BUTTON_LABEL/);
  });

  it("trusts no proxy by default and names a bad TRUSTED_PROXIES entry", () => {
    expect(parseWebEnv(base).TRUSTED_PROXIES).toBe("");
    expect(parseWebEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).TRUSTED_PROXIES).toBe("10.0.0.0/8, ::1");
    expect(() => parseWebEnv({ ...base, TRUSTED_PROXIES: "proxy.internal" })).toThrow(/TRUSTED_PROXIES.*proxy\.internal/);
  });

  it("takes an optional absolute RECORDINGS_DIR and RECORDINGS_RETENTION_DAYS (default 30), refusing bad values", () => {
    expect(parseWebEnv(base).RECORDINGS_DIR).toBeUndefined();
    expect(parseWebEnv(base).RECORDINGS_RETENTION_DAYS).toBe(30);
    const empty = parseWebEnv({ ...base, RECORDINGS_DIR: "", RECORDINGS_RETENTION_DAYS: "" });
    expect([empty.RECORDINGS_DIR, empty.RECORDINGS_RETENTION_DAYS]).toEqual([undefined, 30]);
    expect(parseWebEnv({ ...base, RECORDINGS_DIR: "/var/lib/parley/recordings/", RECORDINGS_RETENTION_DAYS: "7" })).toMatchObject({
      RECORDINGS_DIR: "/var/lib/parley/recordings",
      RECORDINGS_RETENTION_DAYS: 7,
    });
    expect(() => parseWebEnv({ ...base, RECORDINGS_DIR: "./recordings" })).toThrow(/RECORDINGS_DIR: RECORDINGS_DIR must be an absolute path/);
    expect(() => parseWebEnv({ ...base, RECORDINGS_DIR: "/data/../etc" })).toThrow(/RECORDINGS_DIR must not contain '\.\.'/);
    expect(() => parseWebEnv({ ...base, RECORDINGS_RETENTION_DAYS: "0" })).toThrow(/RECORDINGS_RETENTION_DAYS must be at least 1/);
    expect(() => parseWebEnv({ ...base, RECORDINGS_RETENTION_DAYS: "2.5" })).toThrow(/RECORDINGS_RETENTION_DAYS must be a whole number/);
    expect(() => parseWebEnv({ ...base, RECORDINGS_RETENTION_DAYS: "a month" })).toThrow(/RECORDINGS_RETENTION_DAYS must be a whole number/);
    expect(() => parseWebEnv({ ...base, RECORDINGS_RETENTION_DAYS: "99999" })).toThrow(/RECORDINGS_RETENTION_DAYS must be at most 3650/);
  });
});
