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

  it("lists every problem without echoing secret values", () => {
    const attempt = () => parseWebEnv({ DATABASE_URL: "not a url", BETTER_AUTH_SECRET: "short-secret", JOIN_TOKEN_TTL_SECONDS: "9999" });
    expect(attempt).toThrow(/DATABASE_URL[\s\S]*BETTER_AUTH_SECRET[\s\S]*JOIN_TOKEN_SECRET[\s\S]*JOIN_TOKEN_TTL_SECONDS/);
    expect(attempt).not.toThrow(/short-secret/);
  });

  it("trusts no proxy by default and names a bad TRUSTED_PROXIES entry", () => {
    expect(parseWebEnv(base).TRUSTED_PROXIES).toBe("");
    expect(parseWebEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, ::1" }).TRUSTED_PROXIES).toBe("10.0.0.0/8, ::1");
    expect(() => parseWebEnv({ ...base, TRUSTED_PROXIES: "proxy.internal" })).toThrow(/TRUSTED_PROXIES.*proxy\.internal/);
  });
});
