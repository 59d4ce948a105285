import { describe, expect, it } from "vitest";
import { loadCompose } from "./compose";
import { composeText, envExampleText } from "./fixtures";
import { hardeningProblems, healthcheckProblems, redisPasswordProblems } from "./hardening";
import { readRepoFile } from "./repo";

const docOf = (text: string) => loadCompose(text).doc;

describe("docker-compose.yml: containers with as little power as they need", () => {
  it("every service: no-new-privileges, cap_drop ALL (only the listed capabilities back), read-only root filesystem", () => {
    expect(hardeningProblems(docOf(composeText))).toEqual([]);
  });

  it("notices a service that may gain privileges", () => {
    const broken = composeText.replace(/( {2}web:\n(?:.*\n)*?) {4}security_opt: \["no-new-privileges:true"\]\n/, "$1");
    expect(broken).not.toBe(composeText);
    expect(hardeningProblems(docOf(broken))).toEqual(["web needs security_opt: [\"no-new-privileges:true\"]"]);
  });

  it("notices a service that keeps its capabilities, or adds one back it was not allowed", () => {
    const kept = composeText.replace(/( {2}signaling:\n(?:.*\n)*?) {4}cap_drop: \[ALL\]\n/, "$1");
    expect(kept).not.toBe(composeText);
    expect(hardeningProblems(docOf(kept))).toEqual(["signaling needs cap_drop: [ALL]"]);
    const added = composeText.replace("cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID]", "cap_add: [CHOWN, DAC_OVERRIDE, FOWNER, SETGID, SETUID, SYS_ADMIN]");
    expect(hardeningProblems(docOf(added))).toEqual(["postgres adds capabilities it was not allowed: SYS_ADMIN"]);
  });

  it("notices a writable root filesystem", () => {
    const broken = composeText.replace(/( {2}janus:\n(?:.*\n)*?) {4}read_only: true\n/, "$1");
    expect(broken).not.toBe(composeText);
    expect(hardeningProblems(docOf(broken))).toEqual(["janus needs read_only: true"]);
  });

  it("every long-running service has a healthcheck, and the checks notice one missing", () => {
    expect(healthcheckProblems(docOf(composeText))).toEqual([]);
    const broken = composeText.replace(/( {2}coturn:\n(?:.*\n)*?) {4}healthcheck:\n(?: {6}.*\n)+/, "$1");
    expect(broken).not.toBe(composeText);
    expect(healthcheckProblems(docOf(broken))).toEqual(["coturn needs a healthcheck (docker compose up --wait and depends_on rely on it)"]);
  });
});

describe("Redis: password even on the internal network", () => {
  it("redis requires REDIS_PASSWORD and signaling's default URL carries it", () => {
    expect(redisPasswordProblems(docOf(composeText))).toEqual([]);
  });

  it("notices redis without a password", () => {
    const broken = composeText.replace(', "--requirepass", "${REDIS_PASSWORD:?set REDIS_PASSWORD in .env}"', "");
    expect(broken).not.toBe(composeText);
    expect(redisPasswordProblems(docOf(broken))).toEqual(["redis must run with --requirepass ${REDIS_PASSWORD:?...}"]);
  });

  it("notices signaling connecting without it", () => {
    const broken = composeText.replace("redis://:${REDIS_PASSWORD}@redis:6379", "redis://redis:6379");
    expect(redisPasswordProblems(docOf(broken))).toEqual(["signaling's default REDIS_URL must carry ${REDIS_PASSWORD}"]);
  });
});

describe("README: the Install and Upgrading blocks (run by tooling/compose-e2e) fill every secret", () => {
  const readme = readRepoFile("README.md");
  // The uncommented, empty lines of .env.example are the secrets a self-hoster must generate.
  const secrets = [...envExampleText.matchAll(/^([A-Z][A-Z0-9_]*)=$/gm)].map((m) => m[1]).sort();
  const loopOf = (block: string) => {
    const match = new RegExp(`<!-- compose-e2e: ${block}[^>]*-->\\s*\`\`\`sh\\n[\\s\\S]*?for name in ([A-Z0-9_ \\\\\\n]+?); do`).exec(readme);
    return (match?.[1] ?? "").split(/[\s\\]+/).filter(Boolean).sort();
  };

  it("both loops name exactly the secrets .env.example leaves empty", () => {
    expect(secrets).toContain("REDIS_PASSWORD");
    expect(loopOf("install")).toEqual(secrets);
    expect(loopOf("upgrade")).toEqual(secrets);
  });
});
