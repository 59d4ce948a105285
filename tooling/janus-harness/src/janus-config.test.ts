import { execFile } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { RENDER_SCRIPT, generateJanusSecrets, janusConfigEnv, renderJanusConfig } from "./janus-config";

const dirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "janus-config-test-"));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("Janus config rendering", () => {
  it("fills every placeholder and keeps optional lines only when set", async () => {
    const configDir = await tempDir();
    const secrets = generateJanusSecrets();
    await renderJanusConfig({
      secrets,
      configDir,
      ws: { port: 8188, ip: "127.0.0.1" },
      adminWs: { port: 7188 },
      nat1to1Mapping: "203.0.113.7",
      turn: { restApi: "https://turn.example.org/api", restApiKey: "turn-key" },
      rtpPortRange: [20_000, 20_200],
    });
    expect((await readdir(configDir)).sort()).toEqual([
      "janus.jcfg",
      "janus.plugin.videoroom.jcfg",
      "janus.transport.websockets.jcfg",
    ]);
    const core = await readFile(join(configDir, "janus.jcfg"), "utf8");
    const room = await readFile(join(configDir, "janus.plugin.videoroom.jcfg"), "utf8");
    const ws = await readFile(join(configDir, "janus.transport.websockets.jcfg"), "utf8");
    for (const text of [core, room, ws]) {
      expect(text).not.toContain("${");
      expect(text).not.toMatch(/^#\?/m);
    }
    expect(core).toContain(`admin_secret = "${secrets.adminSecret}"`);
    expect(core).toContain(`api_secret = "${secrets.apiSecret}"`);
    expect(core).toContain('nat_1_1_mapping = "203.0.113.7"');
    expect(core).toContain('turn_rest_api = "https://turn.example.org/api"');
    expect(core).toContain('rtp_port_range = "20000-20200"');
    expect(core).not.toContain("turn_server");
    expect(core).not.toContain("stun_server");
    expect(core).not.toContain("ice_enforce_list");
    expect(core).not.toContain("event_loops");
    expect(room).toContain(`admin_key = "${secrets.roomAdminKey}"`);
    expect(room).toContain("lock_rtp_forward = true");
    expect(ws).toContain("ws_port = 8188");
    expect(ws).toContain('admin_ws_ip = "127.0.0.1"');
  });

  it("turns on event_loops only when asked", async () => {
    const configDir = await tempDir();
    await renderJanusConfig({ secrets: generateJanusSecrets(), configDir, ws: { port: 8188 }, eventLoops: 2 });
    expect(await readFile(join(configDir, "janus.jcfg"), "utf8")).toMatch(/^\s*event_loops = 2$/m);
  });

  it("refuses missing, short or well-known secrets (Debian's default admin_secret included)", async () => {
    const out = await tempDir();
    const env = janusConfigEnv({ secrets: generateJanusSecrets(), configDir: out, ws: { port: 8188 } });
    const render = (overrides: Record<string, string | undefined>) =>
      promisify(execFile)("sh", [RENDER_SCRIPT, out], { env: { PATH: process.env.PATH, ...env, ...overrides } });
    await expect(render({ JANUS_ADMIN_SECRET: "janusoverlord" })).rejects.toThrow(/JANUS_ADMIN_SECRET/);
    await expect(render({ JANUS_API_SECRET: "" })).rejects.toThrow(/JANUS_API_SECRET is required/);
    await expect(render({ JANUS_ROOM_ADMIN_KEY: "short" })).rejects.toThrow(/at least 16/);
    await expect(render({ JANUS_SERVER_NAME: 'x" ; admin_secret = "' })).rejects.toThrow(/quotes/);
    expect(await readdir(out)).toEqual([]);
  });

  it("validates options before rendering", () => {
    const base = { secrets: generateJanusSecrets(), configDir: "/tmp/x", ws: { port: 8188 } };
    expect(() => janusConfigEnv({ ...base, secrets: { ...base.secrets, apiSecret: "short" } })).toThrow();
    expect(() => janusConfigEnv({ ...base, rtpPortRange: [30_000, 20_000] })).toThrow();
    expect(janusConfigEnv({ ...base, ws: { unixPath: "/run/janus.sock" } })).toMatchObject({ JANUS_WS_UNIX: "/run/janus.sock" });
  });
});
