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

  it("trusts no proxy, serves no metrics and issues 10-minute TURN credentials unless told otherwise", () => {
    const config = configFromEnv(parseEnv(base));
    expect(config.trustedProxies).toEqual([]);
    expect(config.metricsToken).toBeUndefined();
    expect(config.ice.turnTtlSeconds).toBe(600);
    const tuned = configFromEnv(
      parseEnv({ ...base, TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1", METRICS_TOKEN: "m".repeat(24), TURN_TTL_SECONDS: "300" }),
    );
    expect(tuned.trustedProxies).toEqual(["10.0.0.0/8", "127.0.0.1"]);
    expect(tuned.metricsToken).toBe("m".repeat(24));
    expect(tuned.ice.turnTtlSeconds).toBe(300);
    expect(() => parseEnv({ ...base, TRUSTED_PROXIES: "proxy.internal" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseEnv({ ...base, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(configFromEnv(parseEnv({ ...base, METRICS_TOKEN: "" })).metricsToken).toBeUndefined(); // compose passes "" when unset
    expect(() => parseEnv({ ...base, TURN_TTL_SECONDS: "5" })).toThrow(/TURN_TTL_SECONDS/);
  });

  it("configures the SFU pool from SFU_NODES and the Janus secrets", () => {
    expect(configFromEnv(parseEnv(base)).sfu).toBeUndefined();
    const secrets = { JANUS_API_SECRET: "a".repeat(20), JANUS_ADMIN_SECRET: "b".repeat(20), JANUS_ROOM_ADMIN_KEY: "c".repeat(20) };
    const sfu = configFromEnv(
      parseEnv({ ...base, ...secrets, SFU_NODES: "j1=ws://janus:8188|ws://janus:7188, j2=wss://j2.internal/api|ws://j2:7188", SFU_MESH_MAX: "0" }),
    ).sfu;
    expect(sfu?.meshMax).toBe(0);
    expect(sfu?.nodes).toEqual([
      { id: "j1", url: "ws://janus:8188", adminUrl: "ws://janus:7188", apiSecret: "a".repeat(20), adminSecret: "b".repeat(20), roomAdminKey: "c".repeat(20) },
      { id: "j2", url: "wss://j2.internal/api", adminUrl: "ws://j2:7188", apiSecret: "a".repeat(20), adminSecret: "b".repeat(20), roomAdminKey: "c".repeat(20) },
    ]);
    expect(configFromEnv(parseEnv({ ...base, ...secrets, SFU_NODES: "j1=ws://a|ws://b" })).sfu?.meshMax).toBe(4);
    expect(() => parseEnv({ ...base, SFU_NODES: "j1=ws://janus:8188|ws://janus:7188" })).toThrow(/JANUS_API_SECRET/);
    expect(() => parseEnv({ ...base, ...secrets, SFU_NODES: "janus:8188" })).toThrow(/SFU_NODES/);
    expect(() => parseEnv({ ...base, ...secrets, SFU_NODES: "j=ws://a|ws://b,j=ws://c|ws://d" })).toThrow(/unique/);
    expect(() => parseEnv({ ...base, ...secrets, JANUS_API_SECRET: "short", SFU_NODES: "j=ws://a|ws://b" })).toThrow(/JANUS_API_SECRET/);
  });

  it("records into RECORDINGS_DIR (absolute, with an SFU); unset or empty: recording is unavailable", () => {
    const sfu = { SFU_NODES: "j1=ws://janus:8188|ws://janus:7188", JANUS_API_SECRET: "a".repeat(16), JANUS_ADMIN_SECRET: "b".repeat(16), JANUS_ROOM_ADMIN_KEY: "c".repeat(16) };
    expect(configFromEnv(parseEnv({ ...base, ...sfu })).recordingsDir).toBeUndefined();
    expect(configFromEnv(parseEnv({ ...base, ...sfu, RECORDINGS_DIR: "" })).recordingsDir).toBeUndefined();
    expect(configFromEnv(parseEnv({ ...base, ...sfu, RECORDINGS_DIR: "/var/lib/parley/recordings/" })).recordingsDir).toBe("/var/lib/parley/recordings");
    expect(() => parseEnv({ ...base, ...sfu, RECORDINGS_DIR: "recordings" })).toThrow(/RECORDINGS_DIR must be an absolute path/);
    expect(() => parseEnv({ ...base, ...sfu, RECORDINGS_DIR: "/srv/../etc" })).toThrow(/RECORDINGS_DIR must not contain '\.\.'/);
    expect(() => parseEnv({ ...base, ...sfu, RECORDINGS_DIR: "/srv/rec\nordings" })).toThrow(/RECORDINGS_DIR/);
    // Compose always sets it; `SFU_NODES=` (SFU off) must still start (recording is then unavailable: no SFU).
    expect(configFromEnv(parseEnv({ ...base, RECORDINGS_DIR: "/srv/recordings" })).sfu).toBeUndefined();
  });
});
