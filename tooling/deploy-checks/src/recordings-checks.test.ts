import { describe, expect, it } from "vitest";
import { loadCompose } from "./compose";
import { composeText } from "./fixtures";
import { recordingsProblems } from "./recordings-checks";

const problemsOf = (text: string) => recordingsProblems(loadCompose(text).doc);
const MOUNT = "      - recordings:/var/lib/parley/recordings\n";

/** Replaces the recordings mount in one service's block only. */
function inService(service: string, replace: (block: string) => string): string {
  const pattern = new RegExp(`( {2}${service}:\\n(?: {4}.*\\n|\\n)*?)( {4}volumes:\\n${MOUNT.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")})`);
  const changed = composeText.replace(pattern, (_all, head: string, volumes: string) => head + replace(volumes));
  expect(changed).not.toBe(composeText);
  return changed;
}

describe("docker-compose.yml: one recordings volume for Janus and web", () => {
  it("janus and web mount the named volume at the same path, and RECORDINGS_DIR names it", () => {
    expect(problemsOf(composeText)).toEqual([]);
  });

  it("notices Janus without the volume", () => {
    expect(problemsOf(inService("janus", () => ""))).toEqual(['janus must mount the recordings volume "recordings" (web\'s worker composes what Janus records)']);
  });

  it("notices the two mounted at different paths", () => {
    const broken = inService("janus", (v) => v.replace("/var/lib/parley/recordings", "/recordings"));
    expect(problemsOf(broken)).toEqual(["janus mounts the recordings volume at /recordings, web at /var/lib/parley/recordings: the paths must be the same"]);
  });

  it("notices RECORDINGS_DIR pointing elsewhere, or missing", () => {
    const elsewhere = composeText.replace("RECORDINGS_DIR: /var/lib/parley/recordings", "RECORDINGS_DIR: /srv/recordings");
    expect(problemsOf(elsewhere)).toEqual(["web mounts no volume at RECORDINGS_DIR (/srv/recordings)"]);
    const missing = composeText.replace(/ {6}RECORDINGS_DIR: .*\n/, "");
    expect(problemsOf(missing)).toEqual(["web needs RECORDINGS_DIR set to the absolute path where the recordings volume is mounted"]);
  });

  it("notices signaling telling Janus another folder than web reads", () => {
    const broken = composeText.replace(/( {2}signaling:\n(?:.*\n)*? {4}environment:\n)/, "$1      RECORDINGS_DIR: /srv/elsewhere\n");
    expect(broken).not.toBe(composeText);
    expect(problemsOf(broken)).toEqual(["signaling's RECORDINGS_DIR (/srv/elsewhere) must be web's (/var/lib/parley/recordings)"]);
  });

  it("notices a bind mount or a read-only volume, and Janus running as another user", () => {
    const bind = inService("web", (v) => v.replace("recordings:", "./recordings:"));
    expect(problemsOf(bind)).toContain('web\'s recordings mount "./recordings" must be a named volume declared under top-level volumes');
    const readOnly = inService("janus", (v) => v.replace("/var/lib/parley/recordings\n", "/var/lib/parley/recordings:ro\n"));
    expect(problemsOf(readOnly)).toEqual(["janus's recordings volume must be writable (Janus records into it)"]);
    const user = composeText.replace('user: "1000:1000"', 'user: "nobody"');
    expect(problemsOf(user)).toEqual(['janus must run as 1000:1000 (the web image\'s user) to share the recordings volume']);
  });
});
