import { describe, expect, it } from "vitest";
import { configFromEnv, parseEnv } from "./env";

const base = {
  JOIN_TOKEN_SECRET: "s".repeat(32),
  DATABASE_URL: "postgres://parley@127.0.0.1:5432/parley",
  PUBLIC_URL: "http://localhost:3000/app",
};

describe("env", () => {
  it("applies defaults and derives the CORS origin from PUBLIC_URL", () => {
    const env = parseEnv(base);
    expect(env.PORT).toBe(4000);
    const config = configFromEnv(env);
    expect(config.corsOrigins).toEqual(["http://localhost:3000"]);
    expect(config.roomCapacity).toBe(8);
    expect(config.reconnectGraceMs).toBe(15_000);
  });

  it("parses lists and numbers", () => {
    const config = configFromEnv(
      parseEnv({ ...base, ALLOWED_ORIGINS: "https://a.example, https://b.example", ROOM_CAPACITY: "3", STUN_URLS: "stun:x:3478" }),
    );
    expect(config.corsOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(config.roomCapacity).toBe(3);
    expect(config.ice.stunUrls).toEqual(["stun:x:3478"]);
  });

  it("runs alone without REDIS_URL and as a cluster node with it", () => {
    expect(configFromEnv(parseEnv(base)).redis).toBeUndefined();
    const env = parseEnv({ ...base, REDIS_URL: "redis://:pw@redis:6379/0", SHUTDOWN_TIMEOUT_MS: "20000" });
    expect(configFromEnv(env).redis).toEqual({ url: "redis://:pw@redis:6379/0", keyPrefix: "parley" });
    expect(env.SHUTDOWN_TIMEOUT_MS).toBe(20_000);
    expect(() => parseEnv({ ...base, REDIS_URL: "http://redis:6379" })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ ...base, REDIS_URL: "redis://:hunter2@redis:6379", REDIS_KEY_PREFIX: "bad prefix!" })).not.toThrow(/hunter2/);
    expect(() => parseEnv({ ...base, REDIS_KEY_PREFIX: "bad prefix!" })).toThrow(/REDIS_KEY_PREFIX/);
  });

  it("refuses a short secret, TURN without secret, and never echoes secret values", () => {
    expect(() => parseEnv({ ...base, JOIN_TOKEN_SECRET: "short-secret-value" })).toThrow(/JOIN_TOKEN_SECRET/);
    expect(() => parseEnv({ ...base, JOIN_TOKEN_SECRET: "short-secret-value" })).not.toThrow(/short-secret-value/);
    expect(() => parseEnv({ ...base, TURN_URLS: "turn:x:3478" })).toThrow(/TURN_SECRET/);
    expect(() => parseEnv({ ...base, ROOM_CAPACITY: "zero" })).toThrow(/ROOM_CAPACITY/);
  });
});
