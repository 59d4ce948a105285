import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "@parley/test-support";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./repo";

// The container's scripts, run as they are (no Docker here) against Debian's janus, the package the image installs.
const JANUS_DIR = join(REPO_ROOT, "deploy/janus");
const ENTRYPOINT = join(JANUS_DIR, "docker-entrypoint.sh");
const HEALTHCHECK = join(JANUS_DIR, "healthcheck.sh");
const hasJanus = existsSync("/usr/bin/janus");

const secrets = {
  JANUS_API_SECRET: "api-secret-0123456789",
  JANUS_ADMIN_SECRET: "admin-secret-0123456789",
  JANUS_ROOM_ADMIN_KEY: "room-admin-key-0123456789",
};
// Only PATH and what the test sets: a stray JANUS_* of the caller must not change the outcome.
const envWith = (vars: Record<string, string>) => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", ...secrets, ...vars });

const healthcheck = (port: number) => spawnSync("bash", [HEALTHCHECK], { env: envWith({ JANUS_WS_PORT: String(port) }), encoding: "utf8" });

describe("deploy/janus/docker-entrypoint.sh", () => {
  it("refuses to start without the public address (Janus would announce its container address)", () => {
    const result = spawnSync("sh", [ENTRYPOINT], { env: envWith({}), encoding: "utf8" });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("set JANUS_NAT_1_1_MAPPING");
  });

  it("refuses a host name as the public address", () => {
    const result = spawnSync("sh", [ENTRYPOINT], { env: envWith({ JANUS_NAT_1_1_MAPPING: "meet.example.com" }), encoding: "utf8" });
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("must be IP addresses");
  });
});

describe.skipIf(!hasJanus)("the janus container's entrypoint and healthcheck, with the real janus", () => {
  let janus: ChildProcess | undefined;
  afterEach(() => {
    janus?.kill("SIGTERM");
    janus = undefined;
  });

  it("starts Janus with coturn's public/private address form, and the healthcheck turns healthy", async () => {
    const [wsPort, adminPort] = [await freePort(), await freePort()];
    expect(healthcheck(wsPort).status).not.toBe(0);

    let output = "";
    janus = spawn("sh", [ENTRYPOINT], {
      env: envWith({
        JANUS_NAT_1_1_MAPPING: "203.0.113.10/10.0.0.5",
        JANUS_WS_IP: "127.0.0.1",
        JANUS_WS_PORT: String(wsPort),
        JANUS_ADMIN_WS_IP: "127.0.0.1",
        JANUS_ADMIN_WS_PORT: String(adminPort),
        JANUS_RTP_PORT_RANGE: "20000-20200",
      }),
    });
    janus.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    janus.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));

    const deadline = Date.now() + 15_000;
    let status = healthcheck(wsPort).status;
    while (status !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = healthcheck(wsPort).status;
    }
    expect(status, output).toBe(0);
    // The private half of TURN_EXTERNAL_IP's form is dropped: Janus puts only the public address in its candidates.
    expect(output).toContain("Using nat_1_1_mapping for public IP: 203.0.113.10\n");
  });
});
